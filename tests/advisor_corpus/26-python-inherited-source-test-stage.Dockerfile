# why: the test stage continues from base, which already copied the source, then installs dev requirements: flag that install (bad)
# expect: cache-order 11
FROM python:3.12-slim AS base
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .

FROM base AS test
# Dev dependencies land after the source inherited from base
RUN pip install --no-cache-dir -r requirements-dev.txt
CMD ["pytest", "-q"]

FROM base AS runtime
USER nobody
CMD ["python", "-m", "app"]
