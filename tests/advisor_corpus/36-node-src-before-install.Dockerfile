# why: package.json first, but src/ and public/ are copied before npm install (bad)
# expect: cache-order 7
FROM node:18-alpine
WORKDIR /app

COPY package.json ./
COPY src ./src
COPY public ./public
RUN npm install

ENV HOST=0.0.0.0
EXPOSE 3000
CMD ["npm", "start"]
