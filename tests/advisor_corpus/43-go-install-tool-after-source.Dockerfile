# why: go install swag@version after COPY . .: a tool install that reruns on every edit (bad)
# expect: cache-order 11
FROM golang:1.22-bookworm AS build
WORKDIR /app

COPY go.mod go.sum ./
RUN go mod download

COPY . .
# Generate the OpenAPI docs; the tool is fetched again on every source change
RUN go install github.com/swaggo/swag/cmd/swag@v1.16.3 && swag init -g cmd/api/main.go
RUN CGO_ENABLED=0 go build -o /app/bin/api ./cmd/api

FROM gcr.io/distroless/base-debian12
COPY --from=build /app/bin/api /api
ENTRYPOINT ["/api"]
