# why: a config file copied before pip install -r is a source copy: editing logging.ini reinstalls all dependencies (bad)
# expect: cache-order 9
FROM python:3.12-slim
WORKDIR /app
ENV PYTHONUNBUFFERED=1

COPY requirements.txt ./
# Settings copied early "so everything is in place"
COPY config/logging.ini ./config/
RUN pip install --no-cache-dir -r requirements.txt

COPY app/ ./app/
CMD ["python", "-m", "app", "--log-config", "config/logging.ini"]
