# why: COPY src/ ./src comes before requirements.txt and the install (bad)
# expect: cache-order 9
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /service

# The package first, "so the layout is ready"
COPY src/ ./src
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

ENV PYTHONPATH=/service/src
CMD ["python", "-m", "ingest"]
