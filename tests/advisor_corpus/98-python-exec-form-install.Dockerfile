# why: the exec (JSON) form of RUN installs the requirements after COPY . .: the same mistake in another spelling (bad)
# expect: cache-order 5
FROM python:3.12-slim
WORKDIR /srv
COPY . .
RUN ["pip", "install", "--no-cache-dir", "-r", "requirements.txt"]
CMD ["python", "serve.py"]
