# why: nginx.conf copied, then apk add curl: even a single config file is a source copy, so the apk RUN reruns when it changes (bad)
# expect: cache-order 9
FROM nginx:1.27-alpine

COPY nginx.conf /etc/nginx/nginx.conf
COPY conf.d/ /etc/nginx/conf.d/

# curl for the health check, installed after the config
RUN apk add --no-cache curl

HEALTHCHECK --interval=30s CMD curl -fs http://localhost/healthz || exit 1
COPY site/ /usr/share/nginx/html/
EXPOSE 80
