# Production images, built from one `next build`:
# - the default target, `run`: Next's standalone server (only the files the server needs, no
#   dev dependencies) as a non-root user, with a health check. Migrations run on start
#   (prodMigrations); configuration comes from the environment (README "Production").
# - `tools`: the source with every dependency, for `npm run migrate`, `search:reindex` and the
#   other scripts (README "Scripts"): `docker build --target tools`.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS tools
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
RUN useradd --system --uid 1001 app && mkdir -p /backups && chown app /backups
COPY --from=build --chown=app /app ./
USER app
CMD ["npm", "run", "migrate"]

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
RUN useradd --system --uid 1001 app \
  && mkdir -p /app/media /app/private-files \
  && chown app /app/media /app/private-files
COPY --from=build --chown=app /app/.next/standalone ./
COPY --from=build --chown=app /app/.next/static ./.next/static
COPY --from=build --chown=app /app/public ./public
USER app
EXPOSE 3000
# Liveness only: a replica whose database is away is taken out of rotation by the proxy
# (/api/ready), not restarted.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains connections, ends live streams, lets jobs finish and exits within 10 s.
STOPSIGNAL SIGTERM
CMD ["node", "server.js"]
