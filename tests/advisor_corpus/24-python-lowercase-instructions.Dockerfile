# why: lower-case instructions are still instructions: copy . . before pip install -r (bad)
# expect: cache-order 10
from python:3.12-alpine
workdir /app
env PYTHONUNBUFFERED=1

# build deps for cffi, before any source: fine
run apk add --no-cache libffi

copy . .
run pip install --no-cache-dir -r requirements.txt

expose 5000
cmd ["python", "server.py"]
