#!/usr/bin/env bash
# End-to-end publish -> receive latency through Redis with three Herald nodes on this machine.
#
# Starts a redis-server on a free port and three nodes (herald.jar --redis), opens LoadGenerator's
# subscribers on node A and publishes on node B (node C tails the same stream, as a third node would), so
# every update goes B -> Redis stream -> A's tail -> A's subscribers. Prints LoadGenerator's JSON summary
# (p50Ms, p99Ms, lost, duplicates, ...) and stops everything it started.
#
#   mvn -q -B package -DskipTests          # builds herald-server/target/herald.jar and herald-bench/target/herald-bench.jar
#   bench/cluster-latency.sh [SUBSCRIBERS] [RATE_PER_SECOND] [SECONDS]     # defaults: 500 200 10
#
# Needs redis-server (apt-get install -y redis-server) and curl. Nodes run in development mode on
# 127.0.0.1 (publishing from loopback needs no token).
set -euo pipefail
cd "$(dirname "$0")/.."

SUBSCRIBERS=${1:-500}
RATE=${2:-200}
SECONDS_=${3:-10}
SERVER_JAR=herald-server/target/herald.jar
BENCH_JAR=herald-bench/target/herald-bench.jar
for jar in "$SERVER_JAR" "$BENCH_JAR"; do
  [[ -f $jar ]] || { echo "missing $jar: run 'mvn -q -B package -DskipTests' first" >&2; exit 2; }
done
command -v redis-server >/dev/null || { echo "redis-server is not installed: apt-get install -y redis-server" >&2; exit 2; }

WORK=$(mktemp -d -t herald-cluster-latency-XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# A port nothing listens on now (connecting to it is refused).
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

# Waits until $1 answers 200, for at most 30 s.
await_http() {
  for _ in $(seq 300); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "no answer from $1; logs in $WORK" >&2
  exit 1
}

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

NODE_PORTS=()
for name in a b c; do
  port=$(free_port)
  java -jar "$SERVER_JAR" --host 127.0.0.1 --port "$port" --redis "redis://127.0.0.1:$REDIS_PORT/0" >"$WORK/node-$name.log" 2>&1 &
  PIDS+=($!)
  NODE_PORTS+=("$port")
  await_http "http://127.0.0.1:$port/healthz"
done
NODE_A_PID=${PIDS[1]}

echo "redis :$REDIS_PORT, nodes a :${NODE_PORTS[0]} b :${NODE_PORTS[1]} c :${NODE_PORTS[2]}; subscribers on a, publishes on b" >&2
java -cp "$BENCH_JAR" dev.herald.bench.load.LoadGenerator \
  --hub "http://127.0.0.1:${NODE_PORTS[0]}/.well-known/mercure" \
  --publish-hub "http://127.0.0.1:${NODE_PORTS[1]}/.well-known/mercure" \
  --subscribers "$SUBSCRIBERS" --rate "$RATE" --duration "$SECONDS_" \
  --server-pid "$NODE_A_PID" --label "cluster-3-nodes-redis"
