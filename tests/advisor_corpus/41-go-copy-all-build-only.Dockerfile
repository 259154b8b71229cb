# why: COPY . . then go build with no go mod download: the build fetches the modules, so it is the dependency install (bad)
# expect: cache-order 9
FROM golang:1.21
LABEL maintainer="platform@example.org"
ENV GOFLAGS=-buildvcs=false
WORKDIR /go/src/app

# No go mod download: go build fetches every module itself
COPY . .
RUN go build -v -o /usr/local/bin/app ./...

EXPOSE 9090
CMD ["app"]
