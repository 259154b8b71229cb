# why: the dev stage continues from base (which copied the source) and runs npm install -g nodemon: reruns on every edit (bad)
# expect: cache-order 11
FROM node:20-alpine AS base
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .

FROM base AS dev
ENV NODE_ENV=development
RUN npm install -g nodemon
CMD ["nodemon", "--legacy-watch", "src/index.js"]

FROM base AS prod
ENV NODE_ENV=production
USER node
CMD ["node", "src/index.js"]
