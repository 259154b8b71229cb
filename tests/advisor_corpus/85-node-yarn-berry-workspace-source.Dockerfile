# why: Yarn Berry: .yarnrc.yml, the .yarn/releases binary and the root manifests first, but the whole apps/web workspace (source included) is copied before yarn workspaces focus (bad)
# expect: cache-order 11
FROM node:20-alpine AS build
WORKDIR /app

# Yarn's own release and settings, then the root manifests
COPY .yarnrc.yml ./
COPY .yarn/releases/ .yarn/releases/
COPY package.json yarn.lock ./
# The workspace to build, sources and all
COPY apps/web/ apps/web/
RUN yarn workspaces focus @acme/web
RUN yarn workspace @acme/web build

FROM nginx:1.27-alpine
COPY --from=build /app/apps/web/dist /usr/share/nginx/html
EXPOSE 80
