# why: a multi-line COPY of pyproject.toml and README.md (not a manifest), then src, then pip install .: flag the COPY's first line (bad)
# expect: cache-order 7
FROM python:3.12-slim
WORKDIR /app

# hatchling wants the README to build the wheel
COPY pyproject.toml \
     README.md \
     ./
COPY src/ src/
RUN pip install --no-cache-dir .

USER nobody
CMD ["python", "-m", "tilemaker"]
