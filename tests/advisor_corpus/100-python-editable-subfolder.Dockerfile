# why: dependencies from requirements.txt first, then the package in src/mypkg installed editable with --no-deps after the source: project-only (good)
# expect: none
FROM python:3.12-slim
WORKDIR /work
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN pip install --no-cache-dir --no-deps -e src/mypkg
CMD ["mypkg"]
