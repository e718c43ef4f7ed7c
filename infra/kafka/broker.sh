#!/usr/bin/env bash
# A single-node Kafka broker (KRaft, combined broker + controller) run from its Maven jars, no Docker.
# Used by the local cluster mode and CI. Works from any directory.
#
#   infra/kafka/broker.sh start    start in the background and wait until ready (no-op if a broker answers)
#   infra/kafka/broker.sh stop     SIGTERM, wait, then SIGKILL; the data directory is kept
#   infra/kafka/broker.sh status   exit 0 if ready, 1 if starting/not answering, 3 if stopped
#   infra/kafka/broker.sh wait     wait until the broker answers metadata requests
#   infra/kafka/broker.sh logs     print the end of the broker log
#
# Environment:
#   KAFKA_PORT (9092)                client listener on 127.0.0.1
#   KAFKA_CONTROLLER_PORT (port+1)   controller listener on 127.0.0.1
#   KAFKA_DATA_DIR (.cache/kafka/data/<port>)  log.dirs, e.g. a temporary directory for a private broker
#   KAFKA_HEAP_OPTS (-Xms256m -Xmx512m)
#   KAFKA_START_TIMEOUT (90)         seconds to wait for readiness (start, wait)
#   KAFKA_STOP_TIMEOUT (30)          seconds between SIGTERM and SIGKILL
#
# Files (all under .cache/kafka at the repository root, gitignored):
#   libs/                 the jars, copied once by Maven from infra/kafka/pom.xml (keyed by its checksum)
#   tools/                the compiled readiness probe (infra/kafka/Probe.java)
#   data/<port>/          log.dirs (unless KAFKA_DATA_DIR); formatted once, reused by every later start
#   server-<port>.properties, broker-<port>.pid, broker-<port>.log (previous run: .log.1)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
HOST=127.0.0.1
PORT="${KAFKA_PORT:-9092}"
CPORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
CACHE="$ROOT/.cache/kafka"
LIBS="$CACHE/libs"
TOOLS="$CACHE/tools"
DATA="${KAFKA_DATA_DIR:-$CACHE/data/$PORT}"
CONF="$CACHE/server-$PORT.properties"
PIDFILE="$CACHE/broker-$PORT.pid"
LOG="$CACHE/broker-$PORT.log"
LOCK="$CACHE/broker-$PORT.lock"
HEAP="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

say() { echo "kafka[$PORT]: $*" >&2; }
die() { say "$*"; exit 1; }

# Serialises start/stop of one port (e.g. two test jobs starting the broker at once).
lock() {
  mkdir -p "$CACHE"
  command -v flock >/dev/null || return 0 # not on macOS: no lock
  exec 9>"$LOCK"
  flock 9
}

checksum() {
  if command -v sha256sum >/dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi | cut -c1-64
}

# Copies the broker jars into .cache/kafka/libs unless the ones there match infra/kafka/pom.xml.
# Every command that runs Java needs them, also when another clone's broker already answers on
# the port (a fresh clone has none yet). Brokers on other ports share them: one copy at a time.
ensure_libs() {
  local sum
  sum="$(checksum "$HERE/pom.xml")"
  if [ -f "$LIBS/.pom.sha256" ] && [ "$(cat "$LIBS/.pom.sha256")" = "$sum" ]; then
    return
  fi
  mkdir -p "$CACHE"
  if command -v flock >/dev/null; then
    exec 8>"$CACHE/libs.lock"
    flock 8
    if [ -f "$LIBS/.pom.sha256" ] && [ "$(cat "$LIBS/.pom.sha256")" = "$sum" ]; then
      exec 8>&-
      return
    fi
  fi
  command -v mvn >/dev/null || die "mvn not found: Maven is needed once to fetch the broker jars"
  say "fetching broker jars with Maven into $LIBS"
  rm -rf "$LIBS.tmp"
  mkdir -p "$CACHE"
  if ! mvn -B -q -Dstyle.color=never -f "$HERE/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIBS.tmp" >"$CACHE/maven.log" 2>&1; then
    cat "$CACHE/maven.log" >&2
    die "Maven could not copy the broker jars (see above)"
  fi
  rm -rf "$LIBS" "$TOOLS"
  mv "$LIBS.tmp" "$LIBS"
  echo "$sum" >"$LIBS/.pom.sha256"
  exec 8>&-
}

# Compiles the readiness probe once (recompiled when its source or the jars change).
ensure_probe() {
  ensure_libs
  if [ -f "$TOOLS/Probe.class" ] && [ "$TOOLS/Probe.class" -nt "$HERE/Probe.java" ]; then
    return
  fi
  mkdir -p "$TOOLS"
  if command -v javac >/dev/null; then
    javac -nowarn -d "$TOOLS" -cp "$LIBS/*" "$HERE/Probe.java" >&2 || die "could not compile Probe.java"
  fi
}

java_quiet_opts=(-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto
  "-Dlog4j2.configurationFile=$HERE/log4j2.properties" -Dtandem.kafka.logLevel=ERROR -Dtandem.kafka.quietLevel=ERROR)

# Succeeds when the broker answers a metadata request (describeCluster) with a controller,
# retrying for up to $1 ms (default 3000).
probe() {
  local target=(Probe)
  [ -f "$TOOLS/Probe.class" ] || target=("$HERE/Probe.java") # no javac: single-file source launch
  if PROBE_OUTPUT="$(java "${java_quiet_opts[@]}" -cp "$TOOLS:$LIBS/*" "${target[@]}" "$HOST:$PORT" "${1:-3000}" 2>&1)"; then
    return 0
  fi
  return 1
}

port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$PORT" 2>/dev/null
}

# Prints the pid of the broker started by this script, if it is still alive.
broker_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid: it must be our kafka.Kafka on this config.
  ps -o args= -p "$pid" 2>/dev/null | grep -qF "kafka.Kafka $CONF" || return 1
  echo "$pid"
}

log_tail() {
  if [ -f "$LOG" ]; then
    say "last lines of $LOG:"
    tail -n "${1:-40}" "$LOG" >&2
    if grep -q -m 1 ' ERROR ' "$LOG"; then
      say "first errors in $LOG:"
      grep -m 5 -A 1 ' ERROR ' "$LOG" >&2 || true
    fi
  fi
}

# Waits until the broker is ready; fails early if the process we started dies.
wait_ready() {
  local deadline=$((SECONDS + START_TIMEOUT)) pid="${1:-}"
  ensure_probe
  while true; do
    # The port opens when the broker is nearly up; only then pay for the probe's JVM (which
    # retries inside for up to 10 s), so it does not compete with the broker's start for CPU.
    if port_open && probe 10000; then
      say "ready on $HOST:$PORT ($PROBE_OUTPUT)"
      return 0
    fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      say "the broker process $pid exited during start-up"
      log_tail 60
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "not ready after ${START_TIMEOUT}s${PROBE_OUTPUT:+ (last probe: $PROBE_OUTPUT)}"
      log_tail 60
      return 1
    fi
    sleep 0.5
  done
}

write_config() {
  cat >"$CONF" <<EOF
# Generated by infra/kafka/broker.sh on every start: edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$HOST:$CPORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CPORT
advertised.listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CPORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA

# Single node: every internal topic has one replica.
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=true
delete.topic.enable=true

# Fast group joins for tests; clients may ask for sessions down to 1 s.
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=1000

# A small machine.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
background.threads=4
log.retention.hours=168
log.segment.bytes=104857600
EOF
}

format_storage() {
  if [ -f "$DATA/meta.properties" ]; then
    return
  fi
  rm -rf "$DATA"
  mkdir -p "$DATA"
  local id
  id="$(java "${java_quiet_opts[@]}" -cp "$LIBS/*" kafka.tools.StorageTool random-uuid | tail -n 1)"
  say "formatting $DATA (cluster id $id)"
  local out
  if ! out="$(java "${java_quiet_opts[@]}" -cp "$LIBS/*" kafka.tools.StorageTool format \
    --config "$CONF" --cluster-id "$id" --standalone 2>&1)"; then
    echo "$out" >&2
    die "formatting the storage failed"
  fi
}

cmd_start() {
  lock
  local pid
  if port_open; then
    if pid="$(broker_pid)"; then say "already running (pid $pid)"; else say "a broker already answers on $HOST:$PORT"; fi
    wait_ready
    return
  fi
  if pid="$(broker_pid)"; then
    say "already starting (pid $pid)"
    wait_ready "$pid"
    return
  fi
  command -v java >/dev/null || die "java not found (Java 17+ is needed)"
  ensure_libs
  ensure_probe
  mkdir -p "$CACHE"
  write_config
  format_storage
  [ -f "$LOG" ] && mv -f "$LOG" "$LOG.1"
  local started=$SECONDS
  # setsid: the broker outlives the shell (and process group) that started it; `stop` ends it.
  # 9>&-: the broker must not inherit (and so hold) the lock of this script.
  # A small heap, G1 with short pauses, exit on OOM so `status` tells the truth.
  # shellcheck disable=SC2086
  $(command -v setsid || true) java $HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    "-Dlog4j2.configurationFile=$HERE/log4j2.properties" \
    -cp "$LIBS/*" kafka.Kafka "$CONF" </dev/null >"$LOG" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$PIDFILE"
  say "started pid $pid, log $LOG"
  if ! wait_ready "$pid"; then
    die "start failed"
  fi
  say "start-up took $((SECONDS - started))s"
}

cmd_stop() {
  lock
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$PIDFILE"
    if port_open; then
      die "a broker answers on $HOST:$PORT but was not started by this script; not stopping it"
    fi
    say "not running"
    return 0
  fi
  say "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "still alive after ${STOP_TIMEOUT}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PIDFILE"
  say "stopped"
}

cmd_status() {
  local pid=""
  pid="$(broker_pid)" || pid=""
  if port_open; then
    ensure_probe
    if probe; then
      say "running${pid:+ (pid $pid)} on $HOST:$PORT: $PROBE_OUTPUT"
      return 0
    fi
    say "port $HOST:$PORT answers but metadata does not: $PROBE_OUTPUT"
    return 1
  fi
  if [ -n "$pid" ]; then
    say "starting (pid $pid), not answering on $HOST:$PORT yet"
    return 1
  fi
  say "stopped"
  return 3
}

cmd_wait() {
  local pid=""
  pid="$(broker_pid)" || pid=""
  wait_ready "$pid"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  wait) cmd_wait ;;
  logs) tail -n "${2:-100}" "$LOG" ;;
  *)
    echo "usage: $0 start|stop|status|wait|logs [lines]" >&2
    exit 2
    ;;
esac
