# why: requirements.lock is bind-mounted under /tmp/reqs/ (another path) for uv pip install --system -r; the source is copied only afterwards (good)
# expect: none
FROM python:3.12-slim-bookworm
COPY --from=ghcr.io/astral-sh/uv:0.4.30 /uv /usr/local/bin/uv
ENV UV_SYSTEM_PYTHON=1 \
    UV_COMPILE_BYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /srv/app

# Only the lock file is visible to this RUN, at a path of its own
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=requirements.lock,target=/tmp/reqs/requirements.lock \
    uv pip install --system -r /tmp/reqs/requirements.lock

COPY . .

RUN useradd --system --no-create-home appuser
USER appuser
CMD ["python", "-m", "notifier", "--listen", "0.0.0.0:8080"]
