# why: apk add git/make before anything is copied; ADD go.mod go.sum, go mod download, then ADD . . and go build (good)
# expect: none
FROM golang:1.22-alpine AS builder
RUN apk add --no-cache git make build-base

WORKDIR /build
ENV GOPROXY=https://proxy.golang.org,direct

ADD go.mod go.sum ./
RUN go mod download
ADD . .
RUN go build -o bin/gateway ./cmd/gateway

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=builder /build/bin/gateway /usr/bin/gateway
USER 1000
ENTRYPOINT ["/usr/bin/gateway"]
