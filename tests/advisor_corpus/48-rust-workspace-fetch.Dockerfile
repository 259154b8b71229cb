# why: workspace root and members' Cargo.toml copied with stub targets, cargo fetch, then crates/ and an offline build (good)
# expect: none
FROM rust:1.79-bookworm AS build
WORKDIR /ws

# Workspace root and every member's manifest
COPY Cargo.toml Cargo.lock ./
COPY crates/core/Cargo.toml crates/core/Cargo.toml
COPY crates/server/Cargo.toml crates/server/Cargo.toml
RUN mkdir -p crates/core/src crates/server/src \
    && touch crates/core/src/lib.rs \
    && echo 'fn main() {}' > crates/server/src/main.rs \
    && cargo fetch --locked

COPY crates ./crates
RUN cargo build --release --offline -p server

FROM gcr.io/distroless/cc-debian12
COPY --from=build /ws/target/release/server /server
ENTRYPOINT ["/server"]
