# why: the whole context is bind-mounted into pip install . with no earlier dependency step: every change reinstalls everything (bad)
# expect: cache-order 8
FROM python:3.12-slim
WORKDIR /app
ENV PIP_NO_CACHE_DIR=1

# Nothing is copied, but the whole context is mounted into the install
RUN --mount=type=bind,target=.,rw \
    --mount=type=cache,target=/root/.cache/pip \
    pip install .

USER nobody
CMD ["tiler", "serve", "--port", "9000"]
