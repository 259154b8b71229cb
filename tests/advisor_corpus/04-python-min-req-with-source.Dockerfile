# why: min_req.txt is a manifest, but it arrives inside COPY . . before the install, so any source edit reinstalls (bad)
# expect: cache-order 9
FROM python:3.10-slim

WORKDIR /opt/service
RUN useradd --create-home --uid 1000 svc

# min_req.txt is the manifest, but it comes in with the whole tree
COPY --chown=svc:svc . .
RUN pip install --no-cache-dir -r min_req.txt

USER svc
ENV FLASK_APP=service.app
EXPOSE 5000
CMD ["flask", "run", "--host=0.0.0.0"]
