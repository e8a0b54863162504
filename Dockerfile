# Production image: builds the Next.js + Payload app and serves it with `next start`.
# Migrations run on start (prodMigrations); configuration comes from the environment.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
RUN useradd --system --uid 1001 app && mkdir -p /app/media /app/private-files && chown app /app/media /app/private-files
COPY --from=build --chown=app /app ./
USER app
EXPOSE 3000
CMD ["npx", "next", "start", "-p", "3000"]
