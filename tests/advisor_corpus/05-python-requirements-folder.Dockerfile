# why: a requirements/ folder holding only manifests is copied before the installs; the source comes after in each stage (good)
# expect: none
FROM python:3.12-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /code

# Only the requirements folder: base.txt, prod.txt, dev.txt
COPY requirements/ requirements/
RUN pip install --no-cache-dir -r requirements/prod.txt

FROM base AS dev
RUN pip install --no-cache-dir -r requirements/dev.txt
COPY . .
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]

FROM base AS prod
COPY . .
RUN python manage.py collectstatic --noinput
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000"]
