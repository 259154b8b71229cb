# why: uv sync --no-install-project after pyproject.toml+uv.lock, then COPY . . and uv sync: the second sync installs only the project (good)
# expect: none
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /uvx /usr/local/bin/

ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never
WORKDIR /app

# Dependencies first, from the lock file alone
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-install-project --no-dev

# Then the project, which installs only itself
COPY . .
RUN uv sync --locked --no-dev

ENV PATH="/app/.venv/bin:$PATH"
CMD ["uvicorn", "notes.main:app", "--host", "0.0.0.0", "--port", "8080"]
