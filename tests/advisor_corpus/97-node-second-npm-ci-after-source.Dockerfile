# why: npm ci runs again after COPY . . (npm ci deletes node_modules and installs everything again), so the first npm ci buys nothing (bad)
# expect: cache-order 8
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
# The source, then a clean install and the build
COPY . .
RUN npm ci && npm run build
CMD ["node", "dist/server.js"]
