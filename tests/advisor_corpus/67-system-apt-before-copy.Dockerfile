# why: apt-get install first, then the scripts: nothing installs after the copy (good)
# expect: none
FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends curl jq ca-certificates postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/backup
COPY scripts/ ./scripts/
COPY crontab /etc/cron.d/backup
RUN chmod +x scripts/*.sh

ENTRYPOINT ["/opt/backup/scripts/run.sh"]
