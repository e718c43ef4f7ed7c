#!/usr/bin/env bash
# A Zipkin server (io.zipkin:zipkin-server, the self-contained "exec" jar from Maven Central) with
# in-memory storage on 127.0.0.1, for traces of the local cluster. No Docker. Works from any directory.
#
#   infra/zipkin/zipkin.sh start    start in the background and wait until ready (no-op if one answers)
#   infra/zipkin/zipkin.sh stop     SIGTERM, wait, then SIGKILL (only a server this script started)
#   infra/zipkin/zipkin.sh status   exit 0 if ready, 1 if starting/not answering, 3 if stopped
#   infra/zipkin/zipkin.sh wait     wait until the server answers /health
#
# Environment:
#   ZIPKIN_PORT (9411)              HTTP port (UI at /zipkin/, API at /api/v2, spans in at /api/v2/spans)
#   ZIPKIN_VERSION (3.5.1)
#   ZIPKIN_JAVA_OPTS (-Xms64m -Xmx256m)
#   ZIPKIN_START_TIMEOUT (90)       seconds to wait for readiness
#
# Files (under .cache/zipkin at the repository root, gitignored): zipkin-server-<version>-exec.jar,
# zipkin-<port>.pid, zipkin-<port>.log.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
HOST=127.0.0.1
PORT="${ZIPKIN_PORT:-9411}"
VERSION="${ZIPKIN_VERSION:-3.5.1}"
CACHE="$ROOT/.cache/zipkin"
JAR="$CACHE/zipkin-server-$VERSION-exec.jar"
PIDFILE="$CACHE/zipkin-$PORT.pid"
LOG="$CACHE/zipkin-$PORT.log"
JAVA_OPTS="${ZIPKIN_JAVA_OPTS:--Xms64m -Xmx256m}"
START_TIMEOUT="${ZIPKIN_START_TIMEOUT:-90}"

say() { echo "zipkin[$PORT]: $*" >&2; }
die() { say "$*"; exit 1; }

# Copies the exec jar from Maven Central (through the local repository) once.
ensure_jar() {
  [ -s "$JAR" ] && return
  command -v mvn >/dev/null || die "mvn not found: Maven is needed once to fetch the Zipkin server"
  mkdir -p "$CACHE"
  say "fetching io.zipkin:zipkin-server:$VERSION:exec with Maven into $CACHE"
  if ! mvn -B -q -Dstyle.color=never dependency:copy \
    -Dartifact="io.zipkin:zipkin-server:$VERSION:jar:exec" -DoutputDirectory="$CACHE" \
    -Dmdep.overWriteReleases=true >"$CACHE/maven.log" 2>&1; then
    cat "$CACHE/maven.log" >&2
    die "Maven could not copy the Zipkin server jar (see above)"
  fi
  [ -s "$JAR" ] || die "Maven ran, but $JAR is missing"
}

healthy() {
  curl -fsS -m 2 "http://$HOST:$PORT/health" 2>/dev/null | grep -q '"UP"'
}

server_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  ps -o args= -p "$pid" 2>/dev/null | grep -qF "$JAR" || return 1
  echo "$pid"
}

wait_ready() {
  local deadline=$((SECONDS + START_TIMEOUT)) pid="${1:-}"
  until healthy; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      say "the server process $pid exited during start-up; last lines of $LOG:"
      tail -n 40 "$LOG" >&2 || true
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "not ready after ${START_TIMEOUT}s"
      tail -n 40 "$LOG" >&2 || true
      return 1
    fi
    sleep 0.5
  done
  say "ready: UI http://$HOST:$PORT/zipkin/, API http://$HOST:$PORT/api/v2/"
}

start() {
  if healthy; then
    say "already answering on $HOST:$PORT"
    return 0
  fi
  command -v java >/dev/null || die "java not found: Zipkin $VERSION needs Java 17"
  ensure_jar
  [ -f "$LOG" ] && mv -f "$LOG" "$LOG.1"
  # Memory storage, loopback only; no self-tracing, no Armeria banner.
  STORAGE_TYPE=mem QUERY_PORT="$PORT" SELF_TRACING_ENABLED=false \
    nohup java $JAVA_OPTS -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" \
    --server.address="$HOST" --logging.level.root=WARN >"$LOG" 2>&1 &
  local pid=$!
  echo "$pid" >"$PIDFILE"
  say "starting (pid $pid, log $LOG)"
  wait_ready "$pid"
}

stop() {
  local pid
  if ! pid="$(server_pid)"; then
    say "not running (from this script)"
    rm -f "$PIDFILE"
    return 0
  fi
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if healthy; then exit 0; fi
    if server_pid >/dev/null; then exit 1; fi
    exit 3
    ;;
  wait) wait_ready ;;
  *) echo "usage: $0 start|stop|status|wait" >&2; exit 2 ;;
esac
