# why: requirements.lock (exported lock file) installed first, then the package with --no-deps (good)
# expect: none
FROM python:3.12-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH="/opt/venv/bin:$PATH"
RUN python -m venv /opt/venv
WORKDIR /app

# requirements.lock is exported from the project's lock file
COPY requirements.lock ./
RUN python -m pip install --no-cache-dir -r requirements.lock

COPY pyproject.toml ./
COPY src ./src
# Dependencies are in: install only the package itself
RUN pip install --no-cache-dir --no-deps .

CMD ["python", "-m", "scraper"]
