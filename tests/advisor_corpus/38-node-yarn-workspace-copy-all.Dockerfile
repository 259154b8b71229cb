# why: monorepo: COPY . . then yarn install && build in one RUN; the nginx stage only copies artifacts (bad)
# expect: cache-order 6
FROM node:18-bullseye AS builder
WORKDIR /repo

COPY . .
RUN yarn install --frozen-lockfile \
    && yarn workspace @acme/web build

FROM nginx:stable-alpine
COPY --from=builder /repo/packages/web/build /usr/share/nginx/html
EXPOSE 80
