# why: --chown and --link on both COPYs; manifests first, npm ci, then the source (good)
# expect: none
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /home/node/app
RUN chown node:node /home/node/app
USER node

COPY --chown=node:node --link package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --chown=node:node --link . .

EXPOSE 3000
CMD ["node", "bin/www"]
