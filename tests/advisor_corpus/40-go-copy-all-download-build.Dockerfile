# why: COPY . . then go mod download && go build: modules are downloaded again on every edit (bad)
# expect: cache-order 7
FROM golang:1.22-alpine AS builder
WORKDIR /app
ENV CGO_ENABLED=0 GOOS=linux

COPY . .
RUN go mod download && go build -o /bin/relay .

FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata
COPY --from=builder /bin/relay /usr/local/bin/relay
ENTRYPOINT ["relay"]
