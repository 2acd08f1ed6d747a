# askfolio: the web app and the worker share this image (docker-compose.yml runs it twice).
# Build: docker build -t askfolio .   (no database is needed to build: pages render on their first request)

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# The workspace packages' manifests, or npm ci finds the lockfile out of step with the install.
COPY packages/payload-jobs/package.json packages/payload-jobs/
COPY packages/payload-retrieval/package.json packages/payload-retrieval/
COPY packages/payload-chat/package.json packages/payload-chat/
RUN npm ci --no-audit --no-fund
COPY . .
# Payload's config is read while building; the secret is only a placeholder here and is not kept in
# the image. The real one comes from the environment at run time.
RUN PAYLOAD_SECRET=build-time-placeholder npm run build

FROM node:20-bookworm-slim
WORKDIR /app
# pg_dump and pg_restore for `npm run backup` / `npm run restore`: Debian bookworm's client tools are
# PostgreSQL 15, the server version docker-compose.yml runs (pg_dump must not be older than the server).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*
# HOST=0.0.0.0: the server listens on loopback unless told otherwise, and in a container the
# published port arrives on the container's own interface.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/storage/data \
    MEDIA_DIR=/app/storage/media
# PUBLIC_URL (the site's address, such as https://portfolio.example.com) has no default: the server
# refuses to start without it; docker-compose.yml sets it.
# The server runs TypeScript through tsx (a dependency), so the sources, the installed packages
# and the build all come along. Everything belongs to root and is read-only for the app, except
# the folders it writes: /app/storage (the one volume: DATA_DIR with backups, and MEDIA_DIR, both
# folders inside it, so a restore can move the media folder aside) and Next's cache.
COPY --from=build /app /app
RUN mkdir -p /app/storage/data /app/storage/media /app/.next/cache \
 && chown -R node:node /app/storage /app/.next/cache
USER node
EXPOSE 3000
# /readyz answers 200 once the database does (see src/server/health.ts).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
