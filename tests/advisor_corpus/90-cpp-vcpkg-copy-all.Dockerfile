# why: vcpkg in manifest mode reads vcpkg.json, but COPY . . comes before vcpkg install, so every source edit rebuilds all the C++ libraries (bad)
# expect: cache-order 14
FROM debian:bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        build-essential cmake ninja-build git curl zip unzip tar pkg-config ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN git clone https://github.com/microsoft/vcpkg.git /opt/vcpkg \
    && /opt/vcpkg/bootstrap-vcpkg.sh -disableMetrics
ENV VCPKG_ROOT=/opt/vcpkg \
    PATH="/opt/vcpkg:$PATH"
WORKDIR /src

COPY . .
RUN vcpkg install --triplet x64-linux
RUN cmake --preset release && cmake --build --preset release

FROM debian:bookworm-slim
COPY --from=build /src/build/release/geocoder /usr/local/bin/geocoder
CMD ["geocoder"]
