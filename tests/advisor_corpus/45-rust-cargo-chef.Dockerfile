# why: cargo-chef: the planner copies everything but installs nothing; the builder cooks the recipe, then copies source and builds (good)
# expect: none
FROM rust:1.79-slim-bookworm AS chef
RUN cargo install cargo-chef --locked
WORKDIR /app

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /app/recipe.json recipe.json
# Dependencies only: cached while recipe.json is unchanged
RUN cargo chef cook --release --recipe-path recipe.json
COPY . .
RUN cargo build --release --bin mailer

FROM debian:bookworm-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=builder /app/target/release/mailer /usr/local/bin/mailer
ENTRYPOINT ["/usr/local/bin/mailer"]
