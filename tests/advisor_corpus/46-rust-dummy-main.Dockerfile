# why: the dummy-main trick: Cargo.toml/Cargo.lock and an empty main compile the dependencies, then the real src is built (good)
# expect: none
FROM rust:1.79-slim-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends pkg-config libssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/tracker

COPY Cargo.toml Cargo.lock ./
# Build the dependencies against an empty main
RUN mkdir src \
    && echo 'fn main() {}' > src/main.rs \
    && cargo build --release \
    && rm -rf src target/release/deps/tracker*

COPY src ./src
RUN cargo build --release

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libssl3 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/src/tracker/target/release/tracker /usr/local/bin/tracker
CMD ["tracker"]
