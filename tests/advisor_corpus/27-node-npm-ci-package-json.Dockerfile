# why: package*.json first, npm ci, then the source (good)
# expect: none
FROM node:20-alpine

ENV NODE_ENV=production
WORKDIR /usr/src/app

# Manifests first so npm ci stays cached until they change
COPY package*.json ./
RUN npm ci --omit=dev

COPY . .

EXPOSE 3000
USER node
CMD ["node", "server.js"]
