# why: conanfile.txt alone and conan install, then CMakeLists.txt and src/ and the cmake build, which only compiles the project (good)
# expect: none
FROM ubuntu:24.04 AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends g++ cmake ninja-build python3-pip \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --break-system-packages conan==2.9.1 && conan profile detect
WORKDIR /src

COPY conanfile.txt ./
RUN conan install . --output-folder=build --build=missing -s build_type=Release

COPY CMakeLists.txt ./
COPY src/ src/
RUN cmake -S . -B build -G Ninja \
        -DCMAKE_TOOLCHAIN_FILE=build/conan_toolchain.cmake \
        -DCMAKE_BUILD_TYPE=Release \
    && cmake --build build

FROM ubuntu:24.04
COPY --from=build /src/build/tilesrv /usr/local/bin/tilesrv
ENTRYPOINT ["tilesrv"]
