# why: COPY requirements.txt setup.py: setup.py is a manifest too, so the first COPY is fine; pip install . after the -r install is project-only (good)
# expect: none
FROM python:3.10-slim
WORKDIR /usr/src/tool

# Both files are manifests
COPY requirements.txt setup.py ./
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
RUN pip install --no-cache-dir .

ENTRYPOINT ["csvtool"]
CMD ["--help"]
