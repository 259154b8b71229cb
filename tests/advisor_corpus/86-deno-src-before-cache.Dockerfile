# why: deno.json and deno.lock come first, but src/ is copied before deno cache, which downloads every remote module again on each edit (bad)
# expect: cache-order 10
FROM denoland/deno:2.0.6
EXPOSE 8000
WORKDIR /app
USER deno

# Config and lock first, then the code with the imports
COPY --chown=deno:deno deno.json deno.lock ./
COPY --chown=deno:deno src/ ./src/
RUN deno cache src/main.ts

CMD ["run", "--allow-net", "--allow-env", "src/main.ts"]
