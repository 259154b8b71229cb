# why: the modules are vendored in the repository, so go build -mod=vendor downloads nothing: COPY . . then the build has no dependency install to protect (good)
# expect: none
FROM golang:1.23-alpine AS build
WORKDIR /src
ENV CGO_ENABLED=0

# vendor/ is committed: the whole tree is the input of the build
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \
    go build -mod=vendor -trimpath -ldflags="-s -w" -o /out/relay ./cmd/relay

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/relay /relay
ENTRYPOINT ["/relay"]
