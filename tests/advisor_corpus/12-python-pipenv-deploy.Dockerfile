# why: Pipfile and Pipfile.lock first, pipenv install --deploy --system, then the source (good)
# expect: none
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1
RUN pip install pipenv==2024.0.1

WORKDIR /srv/shop
COPY Pipfile Pipfile.lock ./
RUN pipenv install --deploy --system --ignore-pipfile

COPY --chown=www-data:www-data . .
USER www-data

EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "shop.wsgi"]
