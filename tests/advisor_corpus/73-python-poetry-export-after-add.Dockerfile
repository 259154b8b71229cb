# why: ADD . first; the manifests copied to /tmp later do not help: poetry (a named tool) and the exported requirements are both installed after the source (bad, two findings)
# expect: cache-order 8, 11
FROM python:3.11
ENV PYTHONUNBUFFERED=1
WORKDIR /code

# The whole project, then the manifests again in a scratch folder for the export
ADD . /code
COPY poetry.lock pyproject.toml /tmp/
# poetry is only used to export a requirements file
RUN pip install --no-cache-dir poetry==1.8.3 poetry-plugin-export==1.8.0
RUN cd /tmp && poetry export -f requirements.txt --output requirements.txt --without-hashes
RUN pip install --no-cache-dir -r /tmp/requirements.txt

EXPOSE 8080
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8080"]
