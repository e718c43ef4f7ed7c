#!/usr/bin/env bash
# Installs and starts the whole platform in one process on the embedded defaults (no servers
# needed), seeding a demo tenant; logs the URL and the keys as its first JSON line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/toolchain.sh
pnpm install --frozen-lockfile
# exec node itself (not pnpm), so SIGTERM and SIGINT reach the server and it stops cleanly; Node's
# warnings become log lines (routeDiagnosticsTo), so the output is JSON only.
exec node --no-warnings --import tsx services/all-in-one/src/main.ts
