# why: dependencies first and the project with --no-deps last (good), but gunicorn is installed in that last RUN, after the source: reinstalled on every edit (bad)
# expect: cache-order 9
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# The server and the project itself
RUN pip install --no-cache-dir gunicorn && pip install --no-cache-dir --no-deps .
CMD ["gunicorn", "app:create_app()"]
