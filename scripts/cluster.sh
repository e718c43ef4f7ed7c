#!/usr/bin/env bash
# Installs and starts the local cluster: one process per service on this machine's PostgreSQL and
# Redis and the local Kafka broker (started if down). DATABASE_URL defaults to the "tandem" database.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/toolchain.sh
bash scripts/services-up.sh
pnpm install --frozen-lockfile
psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'tandem'" | grep -q 1 ||
  psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE tandem"
exec pnpm exec tsx services/all-in-one/src/cluster-main.ts
