# why: COPY . . then npm install: every source edit reinstalls node_modules (bad)
# expect: cache-order 8
FROM node:18

WORKDIR /app
ENV PORT=8080

COPY . .
RUN npm install

EXPOSE 8080
CMD ["npm", "start"]
