# why: apk add first, then COPY . of the whole context as a static site, with no install after it: nothing to report (good)
# expect: none
FROM nginx:1.27-alpine
LABEL org.opencontainers.image.title="docs-site"

RUN apk add --no-cache curl

# The whole context is the site; nothing is installed after it
COPY . /usr/share/nginx/html
RUN rm -f /usr/share/nginx/html/Dockerfile /usr/share/nginx/html/README.md

EXPOSE 80
