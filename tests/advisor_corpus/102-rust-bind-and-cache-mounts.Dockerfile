# why: the shape of docker init's Rust template: the source and manifests are bind-mounted and target/ and the registry are cache mounts, so a rebuild compiles only what changed (good)
# expect: none
ARG RUST_VERSION=1.79
FROM rust:${RUST_VERSION}-slim-bookworm AS build
ARG APP_NAME=server
WORKDIR /app
RUN --mount=type=bind,source=src,target=src \
    --mount=type=bind,source=Cargo.toml,target=Cargo.toml \
    --mount=type=bind,source=Cargo.lock,target=Cargo.lock \
    --mount=type=cache,target=/app/target/ \
    --mount=type=cache,target=/usr/local/cargo/registry/ \
    cargo build --locked --release && cp ./target/release/$APP_NAME /bin/server

FROM debian:bookworm-slim
COPY --from=build /bin/server /bin/
CMD ["/bin/server"]
