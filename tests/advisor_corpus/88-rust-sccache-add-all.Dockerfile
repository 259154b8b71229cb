# why: sccache and cache mounts make recompiles cheaper, but ADD . . still comes before the cargo build that fetches and compiles every crate (bad)
# expect: cache-order 10
FROM rust:1.82-bookworm AS build
# A tool install before the source: fine
RUN cargo install sccache --version 0.8.2 --locked
ENV RUSTC_WRAPPER=/usr/local/cargo/bin/sccache \
    SCCACHE_DIR=/sccache
WORKDIR /usr/src/indexer

ADD . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/sccache \
    cargo build --release --locked \
    && cp target/release/indexer /usr/local/bin/indexer

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/indexer /usr/local/bin/indexer
CMD ["indexer"]
