# why: multi-stage wheels build that copies everything before pip wheel -r: every edit rebuilds every wheel (bad)
# expect: cache-order 6
FROM python:3.12-slim AS wheels
WORKDIR /build
# Everything, then the wheels of every dependency
COPY . .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

FROM python:3.12-slim
COPY --from=wheels /wheels /wheels
RUN pip install --no-cache-dir --no-index /wheels/* && rm -rf /wheels
COPY --from=wheels /build/app /app
CMD ["python", "-m", "app"]
