# why: a CLI tool: dependencies from the lock file first, then the project itself installed globally after the source (npm install -g .): project-only (good)
# expect: none
FROM node:20-alpine
WORKDIR /tool
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm install -g .
ENTRYPOINT ["mytool"]
