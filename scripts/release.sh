#!/usr/bin/env bash
# Assembles what the image runs into one folder: the compiled entry points (pnpm build), the
# services' SQL migrations where the compiled code looks for them, and production dependencies
# only, hoisted into one node_modules (no TypeScript, tsx, test or build tools). The Dockerfile
# runs exactly this; scripts/check-release.sh runs it outside Docker and starts a service from it.
#
#   bash scripts/release.sh <out-dir>      (needs the workspace installed: pnpm install)
#
# Run a service from it with plain node:  cd <out-dir> && node --import ./dist/instrument.js dist/<service>.js
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?usage: scripts/release.sh <out-dir>}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cd "$ROOT"

rm -rf "$OUT/dist" "$OUT/services" "$OUT/packages"
pnpm exec tsx scripts/build.ts "$OUT/dist"

# Migrations stay beside their service (the compiled code finds them at services/<name>/migrations).
for dir in services/*/migrations; do
  mkdir -p "$OUT/$(dirname "$dir")"
  cp -R "$dir" "$OUT/$dir"
done

# The workspace's manifests and lockfile, so the install resolves exactly what the tests ran with.
cp package.json pnpm-lock.yaml pnpm-workspace.yaml "$OUT/"
for manifest in packages/*/package.json services/*/package.json; do
  mkdir -p "$OUT/$(dirname "$manifest")"
  cp "$manifest" "$OUT/$manifest"
done
cd "$OUT"
# Hoisted: the bundles in dist/ import every package by name from the one node_modules above them.
pnpm install --prod --frozen-lockfile --ignore-scripts --config.node-linker=hoisted \
  --config.confirmModulesPurge=false ${PNPM_INSTALL_FLAGS:-} >/dev/null
# The manifests only served the install; the workspace links point at folders without code.
rm -rf node_modules/@tandem packages services/*/package.json services/*/node_modules
echo "release: $(du -sh "$OUT" | cut -f1) in $OUT ($(ls node_modules | wc -l) top-level packages)"
