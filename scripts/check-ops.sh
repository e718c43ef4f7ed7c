#!/usr/bin/env bash
# Checks the operations files and prints one line per check, then a summary; exits non-zero if
# any check failed. Installs what is missing: promtool (Debian's prometheus package), Strimzi's
# CRDs (io.strimzi:api tests jar, Maven Central, into .cache/k8s-schemas).
#
#   bash scripts/check-ops.sh            every check
#   OPS_SKIP_RELEASE=1 bash ...          all but the compiled-service check (needs PostgreSQL, Kafka, Redis)
#
# Checks: Prometheus config and alert rules (promtool check), the rules' unit tests (promtool
# test rules), every Kubernetes overlay rendered with kustomize and validated against the
# Kubernetes and CRD schemas (scripts/validate-k8s.ts), the validator rejecting known-bad
# manifests, docker-compose and Grafana files (scripts/check-stack.ts), and the release: the
# image's build step run outside Docker, a compiled service started with plain node
# (scripts/check-release.sh).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/toolchain.sh
STRIMZI_VERSION=0.49.1
SCHEMAS="$ROOT/.cache/k8s-schemas"
LOGS="$ROOT/.cache/check-ops"
mkdir -p "$LOGS"
passed=()
failed=()

# run NAME COMMAND...: runs a check, keeps its output in .cache/check-ops/NAME.log, prints it on failure.
run() {
  local name="$1"
  shift
  if "$@" >"$LOGS/$name.log" 2>&1; then
    passed+=("$name")
    echo "PASS  $name: $(grep -v "^[[:space:]]*$" "$LOGS/$name.log" | tail -n 1 | sed "s/^[[:space:]]*//")"
  else
    failed+=("$name")
    echo "FAIL  $name"
    sed 's/^/      /' "$LOGS/$name.log" | tail -n 60
  fi
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_promtool() {
  command -v promtool >/dev/null && return 0
  echo "check-ops: installing promtool (Debian package prometheus)" >&2
  as_root apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  # The package starts nothing here (no systemd); if it did, this check does not need it.
  command -v promtool >/dev/null
}

ensure_kubectl() {
  command -v kubectl >/dev/null && return 0
  echo "check-ops: installing kubectl (Debian package kubernetes-client)" >&2
  as_root apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null
  command -v kubectl >/dev/null
}

# Strimzi publishes the CRDs it generates from its API model in the api module's tests jar.
ensure_strimzi_crds() {
  local dir="$SCHEMAS/strimzi-$STRIMZI_VERSION"
  [ -f "$dir/crds/v1beta2/040-Crd-kafka.yaml" ] && { echo "$dir/crds/v1beta2"; return 0; }
  mkdir -p "$dir"
  mvn -B -q -Dstyle.color=never dependency:copy -Dartifact="io.strimzi:api:$STRIMZI_VERSION:jar:tests" \
    -DoutputDirectory="$dir" >"$LOGS/strimzi-maven.log" 2>&1 || { cat "$LOGS/strimzi-maven.log" >&2; return 1; }
  (cd "$dir" && jar xf "api-$STRIMZI_VERSION-tests.jar" crds/v1beta2) || return 1
  echo "$dir/crds/v1beta2"
}

# The validator must reject every manifest of the broken fixture with the message its comment expects.
validator_rejects_bad_manifests() {
  local out
  out="$(pnpm exec tsx scripts/validate-k8s.ts "$1" scripts/fixtures/k8s-broken)" && { echo "$out"; echo "the broken fixture passed"; return 1; }
  local missing=0 expected
  while IFS= read -r expected; do
    grep -Eq "$expected" <<<"$out" || { echo "not reported: $expected"; missing=1; }
  done < <(sed -n 's/^# expect: //p' scripts/fixtures/k8s-broken/broken/manifests.yaml)
  [ "$missing" = 0 ] || { echo "$out"; return 1; }
  echo "rejected all $(grep -c '^# expect: ' scripts/fixtures/k8s-broken/broken/manifests.yaml) known-bad manifests"
}

if ensure_promtool; then
  run prometheus-config promtool check config --syntax-only infra/prometheus/prometheus.yml
  run alert-rules promtool check rules infra/prometheus/rules/tandem.yml
  run alert-rule-tests promtool test rules infra/prometheus/tests/tandem.test.yml
else
  failed+=("promtool-install")
  echo "FAIL  promtool could not be installed"
fi

if ensure_kubectl && CRDS="$(ensure_strimzi_crds)"; then
  run kubernetes-manifests pnpm exec tsx scripts/validate-k8s.ts "$CRDS"
  run manifest-validator validator_rejects_bad_manifests "$CRDS"
else
  failed+=("kubernetes-tools")
  echo "FAIL  kubectl or Strimzi's CRDs could not be installed"
fi

run compose-and-grafana pnpm exec tsx scripts/check-stack.ts

if [ -z "${OPS_SKIP_RELEASE:-}" ]; then
  run release bash scripts/check-release.sh
fi

echo "ops checks: ${#passed[@]} passed, ${#failed[@]} failed${failed[*]:+ (${failed[*]})}"
[ "${#failed[@]}" = 0 ]
