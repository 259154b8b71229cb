# why: cargo install sqlx-cli after COPY . .: a tool install rerun on every edit; the final stage's COPY migrations installs nothing (bad)
# expect: cache-order 11
FROM rust:1.79 AS build
WORKDIR /app

COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo fetch

COPY . .
# The migration CLI is a tool; here it is rebuilt whenever the source changes
RUN cargo install sqlx-cli --version 0.7.4 --no-default-features --features rustls,postgres
RUN cargo build --release

FROM debian:bookworm-slim
COPY --from=build /usr/local/cargo/bin/sqlx /usr/local/bin/sqlx
COPY --from=build /app/target/release/billing /usr/local/bin/billing
COPY migrations /migrations
CMD ["billing"]
