# why: the package installed is built in the repository (dist/*.deb): it can only be installed after the copy, so nothing to move (good)
# expect: none
FROM debian:bookworm-slim
COPY dist/ /tmp/dist/
RUN apt-get update \
    && apt-get install -y --no-install-recommends /tmp/dist/mytool_1.0_amd64.deb \
    && rm -rf /var/lib/apt/lists/* /tmp/dist
ENTRYPOINT ["mytool"]
