# why: COPY . . then one RUN with apt-get install && pip install -r: rule 1 (flag the COPY), not the RUN (bad)
# expect: cache-order 6
FROM python:3.10-slim-bullseye
WORKDIR /usr/src/app

COPY . .
# System build tools and the Python dependencies in one RUN
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential gcc \
    && pip install --no-cache-dir -r requirements.txt \
    && apt-get purge -y build-essential gcc \
    && rm -rf /var/lib/apt/lists/*

CMD ["python", "./bot.py"]
