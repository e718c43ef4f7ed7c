#!/usr/bin/env bash
# Installs everything and runs every test (typecheck, lint, unit, integration, system, operations checks) against
# real PostgreSQL, Redis and Kafka on this machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/toolchain.sh
bash scripts/services-up.sh
pnpm install --frozen-lockfile
pnpm test
# Operations files: Prometheus rules and their tests, Kubernetes manifests against their schemas, the release build.
bash scripts/check-ops.sh
node -e '
  const r = JSON.parse(require("node:fs").readFileSync(".cache/vitest-report.json", "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
'
