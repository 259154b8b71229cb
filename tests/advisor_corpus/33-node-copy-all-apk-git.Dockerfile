# why: COPY . . then apk add git then npm ci: the COPY is before the dependency install, and the apk RUN is a tool install after the source (bad, two findings)
# expect: cache-order 6, 8
FROM node:20-alpine
WORKDIR /app

COPY . .
# git is needed for a dependency pulled from GitHub
RUN apk add --no-cache git
RUN npm ci

EXPOSE 3000
CMD ["npm", "run", "start"]
