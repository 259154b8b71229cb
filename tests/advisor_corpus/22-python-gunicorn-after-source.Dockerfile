# why: pip install gunicorn (a named tool, no manifest) after COPY . .: reruns on every change (bad)
# expect: cache-order 11
FROM python:3.12-slim
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# The server is installed after the source
RUN pip install --no-cache-dir gunicorn==22.0.0

EXPOSE 8000
CMD ["gunicorn", "-w", "4", "-b", "0.0.0.0:8000", "blog:app"]
