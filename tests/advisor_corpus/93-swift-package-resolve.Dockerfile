# why: Package.swift and Package.resolved (the Package.* glob), swift package resolve, then Sources/ and a release build that only compiles (good)
# expect: none
FROM swift:5.10-jammy AS build
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y libjemalloc-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build

COPY ./Package.* ./
RUN swift package resolve --force-resolved-versions

COPY ./Sources ./Sources
RUN swift build -c release --static-swift-stdlib --product Api

FROM ubuntu:jammy
RUN apt-get -q update \
    && apt-get -q install -y libjemalloc2 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /build/.build/release/Api /usr/local/bin/api
EXPOSE 8080
ENTRYPOINT ["api", "serve", "--hostname", "0.0.0.0", "--port", "8080"]
