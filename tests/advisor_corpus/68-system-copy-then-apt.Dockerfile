# why: COPY . /opt/tools, then apt-get install: the packages are reinstalled on every script change (bad)
# expect: cache-order 9
FROM ubuntu:24.04
ENV DEBIAN_FRONTEND=noninteractive

WORKDIR /opt/tools
COPY . /opt/tools

RUN apt-get update && apt-get install -y --no-install-recommends \
        python3 rsync openssh-client \
    && rm -rf /var/lib/apt/lists/*

ENTRYPOINT ["/opt/tools/sync.sh"]
