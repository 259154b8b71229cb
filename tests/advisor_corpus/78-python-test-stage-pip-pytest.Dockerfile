# why: the test stage continues from app, which already copied the source and tests, then pip installs pytest by name: a tool install rerun on every edit (bad)
# expect: cache-order 13
FROM python:3.12-slim AS app
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY src/ ./src/
COPY tests/ ./tests/
CMD ["python", "-m", "src.worker"]

FROM app AS test
# Test tools, named on the command line, after the inherited source
RUN pip install --no-cache-dir pytest==8.3.3 pytest-cov==5.0.0
RUN python -m pytest -q tests/

FROM app AS release
USER nobody
