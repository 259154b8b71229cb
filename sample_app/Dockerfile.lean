# The reordered file, trimmed: no pip upgrade layer (the base's pip installs these pinned
# wheels as well), and no copy of pip's download cache left in the libraries' layer.
ARG BASE_IMAGE=python:3.12-slim
FROM ${BASE_IMAGE}
ENV PYTHONUNBUFFERED=1
COPY source/requirements.txt /app/source/
RUN pip install --no-cache-dir -r /app/source/requirements.txt
COPY source/ /app/source/
CMD python /app/source/app.py
