# why: a team base image: ONBUILD triggers run only in child builds, so this build copies nothing and the gunicorn install is not after any source (good)
# expect: none
FROM python:3.12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Child images get: the manifest, the install, then their source
ONBUILD COPY requirements.txt /app/
ONBUILD RUN pip install --no-cache-dir -r requirements.txt
ONBUILD COPY . /app/

# The server, baked into the base itself
RUN pip install --no-cache-dir gunicorn==23.0.0

ENTRYPOINT ["tini", "--"]
CMD ["gunicorn", "--config", "/app/gunicorn.conf.py", "app:app"]
