# why: a pip cache mount saves the downloads, not the install: pip install -r after COPY . . still reinstalls everything on every edit (bad)
# expect: cache-order 6
# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
CMD ["python", "main.py"]
