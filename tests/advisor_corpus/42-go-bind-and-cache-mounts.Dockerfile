# why: go mod download with only go.mod/go.sum bind-mounted; the whole-context bind mount comes at the go build, which is project-only (good)
# expect: none
ARG GO_VERSION=1.22
FROM golang:${GO_VERSION} AS build
WORKDIR /src

# Modules, with only the two manifests mounted
RUN --mount=type=cache,target=/go/pkg/mod/ \
    --mount=type=bind,source=go.sum,target=go.sum \
    --mount=type=bind,source=go.mod,target=go.mod \
    go mod download -x

# The whole context is mounted here, after the modules are in
RUN --mount=type=cache,target=/go/pkg/mod/ \
    --mount=type=bind,target=. \
    CGO_ENABLED=0 go build -o /bin/queue-worker ./cmd/worker

FROM alpine:3.20
RUN apk --no-cache add ca-certificates tzdata
RUN adduser -D -H -u 10001 worker
USER worker
COPY --from=build /bin/queue-worker /bin/
ENTRYPOINT ["/bin/queue-worker"]
