# why: stack.yaml, stack.yaml.lock and package.yaml are copied first, but COPY . . slips in before stack build --only-dependencies, so the early copies buy nothing (bad)
# expect: cache-order 8
FROM haskell:9.6.6-slim AS build
WORKDIR /opt/build

COPY stack.yaml stack.yaml.lock ./
COPY package.yaml ./
COPY . .
RUN stack build --system-ghc --only-dependencies
RUN stack install --system-ghc --local-bin-path /opt/bin

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgmp10 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/bin/ledgerd /usr/local/bin/ledgerd
CMD ["ledgerd"]
