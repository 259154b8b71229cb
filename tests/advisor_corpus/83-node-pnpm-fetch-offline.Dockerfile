# why: pnpm fetch needs only pnpm-lock.yaml and fills the store; after the source, pnpm install --offline only links from that store, like an offline build after cargo fetch (good)
# expect: none
FROM node:20-bookworm-slim
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH
RUN corepack enable && corepack prepare pnpm@9.12.1 --activate
WORKDIR /repo

# The lock file alone is enough for pnpm fetch
COPY pnpm-lock.yaml ./
RUN pnpm fetch --prod

# Workspace manifests and sources together; nothing is downloaded from here on
COPY . .
RUN pnpm install -r --offline --prod --frozen-lockfile
RUN pnpm --filter @acme/gateway run build

EXPOSE 4000
CMD ["node", "packages/gateway/dist/main.js"]
