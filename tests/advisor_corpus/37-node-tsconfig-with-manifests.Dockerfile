# why: tsconfig.json copied together with the manifests before npm ci is a source copy (bad)
# expect: cache-order 7
FROM node:20-alpine AS build
WORKDIR /app

# tsconfig.json rides along with the manifests
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci
COPY src ./src
RUN npm run build

FROM node:20-alpine
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
CMD ["node", "dist/server.js"]
