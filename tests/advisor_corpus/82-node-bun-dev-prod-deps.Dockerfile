# why: bun installs dev and production node_modules from package.json + bun.lockb in their own stages; the source arrives in a later stage that only tests and builds (good)
# expect: none
FROM oven/bun:1.1-debian AS base
WORKDIR /usr/src/app

FROM base AS dev-deps
COPY package.json bun.lockb ./
RUN --mount=type=cache,target=/root/.bun/install/cache \
    bun install --frozen-lockfile

FROM base AS prod-deps
COPY package.json bun.lockb ./
RUN --mount=type=cache,target=/root/.bun/install/cache \
    bun install --frozen-lockfile --production

FROM base AS build
COPY --from=dev-deps /usr/src/app/node_modules ./node_modules
COPY . .
RUN bun test && bun run build

FROM base AS release
ENV NODE_ENV=production
COPY --from=prod-deps /usr/src/app/node_modules ./node_modules
COPY --from=build /usr/src/app/dist ./dist
COPY --from=build /usr/src/app/package.json ./
USER bun
EXPOSE 3000
ENTRYPOINT ["bun", "run", "dist/index.js"]
