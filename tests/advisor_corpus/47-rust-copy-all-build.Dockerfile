# why: COPY . . then cargo build --release: every edit recompiles every crate (bad)
# expect: cache-order 7
FROM rust:1.79 AS builder
WORKDIR /usr/src/app

# The whole crate, then a release build
COPY . .
RUN cargo build --release

FROM debian:bookworm-slim
RUN useradd --system hello
COPY --from=builder /usr/src/app/target/release/hello /usr/local/bin/hello
USER hello
CMD ["hello"]
