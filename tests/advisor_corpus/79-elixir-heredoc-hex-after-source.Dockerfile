# why: COPY . . before mix deps.get (rule 1), and a heredoc RUN that only installs hex and rebar after the copy (rule 2) (bad, two findings)
# expect: cache-order 12, 14
FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS build
RUN apt-get update -y \
    && apt-get install -y build-essential git \
    && apt-get clean && rm -f /var/lib/apt/lists/*_*

WORKDIR /app
ENV MIX_ENV=prod

# Everything first
COPY . .

RUN <<EOF
set -e
mix local.hex --force
mix local.rebar --force
EOF

RUN mix deps.get --only prod && mix deps.compile
RUN mix compile && mix release

FROM debian:bookworm-slim
RUN apt-get update -y \
    && apt-get install -y libstdc++6 openssl libncurses5 locales ca-certificates \
    && apt-get clean && rm -f /var/lib/apt/lists/*_*
WORKDIR /app
COPY --from=build /app/_build/prod/rel/shortener ./
CMD ["/app/bin/shortener", "start"]
