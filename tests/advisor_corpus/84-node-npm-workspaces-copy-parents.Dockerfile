# why: npm workspaces: COPY --parents brings the root manifests and every packages/*/package.json with their paths, npm ci, then the sources and a workspace build (good)
# expect: none
FROM node:22-alpine AS build
WORKDIR /monorepo

# Only manifests, each kept at its path in the tree
COPY --parents package.json package-lock.json packages/*/package.json ./
RUN npm ci

COPY tsconfig.base.json ./
COPY packages/ packages/
RUN npm run build --workspace=@acme/api

FROM node:22-alpine
ENV NODE_ENV=production
WORKDIR /monorepo
COPY --from=build /monorepo /monorepo
USER node
CMD ["node", "packages/api/dist/server.js"]
