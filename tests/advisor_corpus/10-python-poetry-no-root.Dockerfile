# why: poetry install --no-root on the manifests, then the source and poetry install --only-root; runtime copies the venv (good)
# expect: none
FROM python:3.11-slim AS builder
ENV POETRY_VERSION=1.8.3 \
    POETRY_VIRTUALENVS_IN_PROJECT=1 \
    POETRY_NO_INTERACTION=1
# A tool install before any source copy: fine
RUN pip install --no-cache-dir "poetry==$POETRY_VERSION"
WORKDIR /app

COPY pyproject.toml poetry.lock ./
RUN poetry install --only main --no-root

COPY README.md ./
COPY src/ ./src/
RUN poetry install --only-root

FROM python:3.11-slim AS runtime
WORKDIR /app
COPY --from=builder /app/.venv /app/.venv
COPY --from=builder /app/src /app/src
ENV PATH="/app/.venv/bin:$PATH"
ENTRYPOINT ["python", "-m", "harvester"]
