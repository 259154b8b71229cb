# why: the requirements file is chosen by an ARG (requirements/prod.txt by default) and copied alone before pip install -r; the source follows (good)
# expect: none
FROM python:3.11-slim-bookworm
ARG REQS=requirements/prod.txt
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /usr/src/app

RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*

# prod.txt is compiled with pip-compile, so it stands alone
COPY ${REQS} ./requirements.txt
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
RUN python manage.py collectstatic --noinput

USER nobody
CMD ["gunicorn", "shop.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
