#!/usr/bin/env bash
# Installs and starts the whole platform in one process on the embedded defaults (no servers
# needed), seeding a demo tenant; prints the URL and the keys.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/toolchain.sh
pnpm install --frozen-lockfile
exec pnpm start
