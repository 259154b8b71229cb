# why: requirements.in is compiled and installed with pip-tools before the source is copied (good)
# expect: none
FROM python:3.11-slim
WORKDIR /app

# requirements.in holds the top-level pins, constraints.txt the shared limits
COPY requirements.in constraints.txt ./
RUN pip install --no-cache-dir pip-tools==7.4.1 \
    && pip-compile --quiet --constraint constraints.txt \
        --output-file requirements.txt requirements.in \
    && pip install --no-cache-dir -r requirements.txt

COPY . .

USER nobody
CMD ["python", "-m", "worker", "--queue", "default"]
