# why: JSON-form COPY and RUN: manifests first, npm ci, then the source (good)
# expect: none
FROM node:22-alpine
WORKDIR /home/node/app

COPY ["package.json", "package-lock.json", "./"]
RUN ["npm", "ci", "--omit=dev"]
COPY [".", "."]

USER node
EXPOSE 4000
CMD ["node", "index.js"]
