#!/usr/bin/env bash
# The image's build step, outside Docker: assembles the release (scripts/release.sh) into a
# temporary folder, starts a compiled service from it with plain node (no tsx, production
# dependencies only) against the local PostgreSQL, Kafka and Redis, and checks /health, /ready
# and /metrics; then runs the compiled matching-engine worker once. Cleans up after itself.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d)"
DB="tandem_test_release_$$"
PORT="${RELEASE_CHECK_PORT:-18390}"
PGURL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  psql "$PGURL" -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

bash scripts/release.sh "$WORK/app"
cd "$WORK/app"
[ ! -e node_modules/tsx ] && [ ! -e node_modules/typescript ] && [ ! -e node_modules/vitest ] ||
  { echo "release: development packages in node_modules" >&2; exit 1; }

psql "$PGURL" -qc "CREATE DATABASE $DB" >/dev/null
env -i PATH="$PATH" HOME="$WORK" \
  DATABASE_URL="${PGURL%/*}/$DB" KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}" KAFKA_NAMESPACE="release-$$" \
  REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}" TANDEM_INTERNAL_SECRET=release-check-internal-secret \
  HOST=127.0.0.1 PORT="$PORT" METRICS_PORT="$((PORT + 1))" LOG_LEVEL=warn NODE_ENV=production \
  node --no-warnings --import ./dist/instrument.js dist/matching.js >"$WORK/service.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/service.log" >&2; echo "release: the compiled service exited" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/health" | grep -q '"status":"ok"'
curl -fsS "http://127.0.0.1:$PORT/ready" | grep -q '"status":"ready"'
# Metrics on their own port, never on the public one.
! curl -fs "http://127.0.0.1:$PORT/metrics" >/dev/null
METRICS="$(curl -fsS "http://127.0.0.1:$((PORT + 1))/metrics")"
grep -q '^target_info{service_name="tandem-matching"' <<<"$METRICS"
! grep -E '^target_info.*(host_|process_command|process_executable)' <<<"$METRICS"
grep -q '^nodejs_heap_used_bytes ' <<<"$METRICS"
echo "release: compiled matching service answers /health, /ready and /metrics under plain node"

# The worker bundle the engine pool starts (beside the service's bundle) runs on its own.
node --input-type=module -e '
  const { default: run } = await import(process.cwd() + "/dist/engine-worker.js");
  const person = (i, lang) => ({ id: `p${i}`, role: "peer", capacity: 1, department: `d${i}`, location: "l", level: 3,
    timeZone: "UTC", languages: [lang], skillsOffered: [], skillsSought: [], goals: [], interests: ["chess"],
    availability: [{ day: "mon", from: "09:00", to: "12:00" }], preferences: { prefer: [], avoid: [] }, previousPartners: [] });
  const answer = run({ op: "match", args: [{ format: "peer", objective: "optimal" }, [0, 1, 2, 3].map((i) => person(i, "en")), { seed: 1 }] });
  if (!answer.ok || answer.value.matches.length !== 2) throw new Error(`engine worker: ${JSON.stringify(answer).slice(0, 500)}`);
  console.log("release: compiled engine worker matched 4 people into 2 pairs");
'
