# why: COPY . /app then poetry install: the lock file comes with the code, so every edit reinstalls (bad)
# expect: cache-order 9
FROM python:3.12-slim
ENV POETRY_VIRTUALENVS_CREATE=false \
    POETRY_NO_INTERACTION=1
RUN pip install --no-cache-dir poetry==1.8.3

WORKDIR /app
COPY . /app
RUN poetry install --without dev

EXPOSE 8000
CMD ["uvicorn", "api.main:app", "--host", "0.0.0.0"]
