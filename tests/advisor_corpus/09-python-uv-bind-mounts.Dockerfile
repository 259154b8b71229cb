# why: uv.lock and pyproject.toml are bind-mounted (not copied) for the dependency sync, with a cache mount; the source comes after (good)
# expect: none
FROM python:3.12-slim-bookworm AS builder
COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /bin/uv
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
WORKDIR /srv

# Only the two manifests are visible to this RUN
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --locked --no-install-project --no-dev

COPY . /srv
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --locked --no-dev

FROM python:3.12-slim-bookworm
RUN useradd --system --no-create-home app
COPY --from=builder --chown=app:app /srv /srv
USER app
ENV PATH="/srv/.venv/bin:$PATH"
CMD ["python", "-m", "ledger", "serve"]
