# why: dependencies are ordered well, but apt-get install comes after COPY . ., so every code change reruns it (bad)
# expect: cache-order 11
FROM python:3.11-slim
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# A system package added late: this layer reruns on every source change
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*

CMD ["python", "transcode.py"]
