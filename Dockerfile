# One image for every service: SERVICE picks which compiled entry point runs (gateway, enrollment,
# matching, scheduling, surveys, analytics; also migrate and provision-topics for the Kubernetes
# Jobs). Built once, used by every container (docker-compose.yml, k8s/).
#
# Stage 1 compiles the TypeScript to JavaScript (esbuild) and installs production dependencies
# only (scripts/release.sh, the same script the test command runs outside Docker).
FROM node:24-bookworm-slim AS build
RUN npm install -g pnpm@10.34.9 && apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY packages ./packages
COPY services ./services
COPY scripts ./scripts
COPY tsconfig.json ./
RUN pnpm install --frozen-lockfile --ignore-scripts
RUN bash scripts/release.sh /app

# Stage 2: Node and the release, nothing else (no pnpm, no sources, no dev dependencies).
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    SERVICE=gateway \
    PORT=8080
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# The node user (uid 1000) owns nothing here: the root filesystem can be mounted read-only.
USER 1000:1000
EXPOSE 8080 9464
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# --import: the tracing preload must come before the service's own modules (ESM hooks).
CMD ["sh", "-c", "exec node --no-warnings --enable-source-maps --import ./dist/instrument.js \"dist/${SERVICE}.js\""]
