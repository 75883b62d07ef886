#!/usr/bin/env bash
# Several Herald nodes on one Redis, on this machine: how many subscribers they hold together, and how late an
# update published on one node reaches the subscribers of another (appended to the Redis stream by node 1,
# read and fanned out by node 2). Loopback only; every step bounded.
#
#   mvn -q -B package -DskipTests     # herald-server/target/herald.jar, herald-bench/target/herald-bench.jar
#   bench/cluster.sh                  # 3 nodes: 19k idle subscribers each, then a cross-node broadcast ramp
#   bench/cluster.sh --quick          # small sizes, a minute
#   NODES=2 IDLE_PER_NODE=9000 BROADCAST_PER_NODE=1000 RATES=100,200 bench/cluster.sh
#
# Starts its own redis-server on a free port (apt-get install -y redis-server), so nothing is left in another
# Redis. Writes the generator's JSON lines to bench/results/<stamp>-cluster/results.jsonl, and its table.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

NODES=${NODES:-3}
IDLE_PER_NODE=${IDLE_PER_NODE:-19000}
BROADCAST_PER_NODE=${BROADCAST_PER_NODE:-3000}
RATES=${RATES:-10,50,100}
STEP_SECONDS=8
WARMUP=10
IDLE_HOLD=10
if [[ ${1:-} == --quick ]]; then
  IDLE_PER_NODE=${IDLE_PER_NODE_QUICK:-1000}; BROADCAST_PER_NODE=200; RATES=10; STEP_SECONDS=3; WARMUP=2; IDLE_HOLD=3
elif [[ -n ${1:-} ]]; then
  sed -n 2,10p "$0"; exit 2
fi
require_jars
command -v redis-server >/dev/null || { echo "redis-server is not installed: apt-get install -y redis-server" >&2; exit 2; }

OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)-cluster
mkdir -p "$OUT"
RESULTS=$OUT/results.jsonl
: >"$RESULTS"
PIDS=()
PORTS=()
REDIS_PID=
cleanup() {
  for pid in "${PIDS[@]}" $REDIS_PID; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$OUT" >"$OUT/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0

start_nodes() {
  PIDS=(); PORTS=()
  for n in $(seq "$NODES"); do
    local port
    port=$(free_port)
    java -Xmx"$SERVER_HEAP" -jar "$SERVER_JAR" --host 127.0.0.1 --port "$port" --redis "$REDIS_URL" --event-loops 1 \
      --max-connections 25000 --max-connections-per-ip 25000 --publish-rate 0 >"$OUT/node-$n.log" 2>&1 &
    PIDS+=($!); PORTS+=("$port")
    SERVER_PID=$! await_http "http://127.0.0.1:$port/healthz" "$OUT/node-$n.log"
  done
  sleep 1
}

stop_nodes() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

# One generator against node $1 (1-based) with the arguments that follow, its lines appended to file $2.
generate_on() {
  local n=$1 into=$2; shift 2
  timeout 600 java -Xmx1g -cp "$BENCH_JAR" dev.herald.bench.load.LoadGenerator --label "herald-$NODES-nodes" \
    --hub "http://127.0.0.1:${PORTS[$((n - 1))]}" --server-pid "${PIDS[$((n - 1))]}" "$@" \
    | tee -a "$into" | cut -c1-200 >&2
}

# Idle: every node holds IDLE_PER_NODE subscriptions at once, each from its own generators and source addresses
# (two generator processes per node above 9,500: one process may open 20,000 files here).
log "idle: $NODES nodes x $IDLE_PER_NODE subscribers on $REDIS_URL"
start_nodes
TOTAL=$((NODES * IDLE_PER_NODE))
gens=()
for n in $(seq "$NODES"); do
  half=$(( IDLE_PER_NODE > 9500 ? IDLE_PER_NODE / 2 : IDLE_PER_NODE ))
  first=$(( (n - 1) * 8 + 1 ))
  generate_on "$n" "$RESULTS" --scenario "idle-$TOTAL" --protocol seed --subscribers "$half" --sources 4 \
    --first-source "$first" --rate 0 --duration "$IDLE_HOLD" &
  gens+=($!)
  if (( IDLE_PER_NODE > 9500 )); then
    generate_on "$n" "$RESULTS" --scenario "idle-$TOTAL" --protocol seed --subscribers $((IDLE_PER_NODE - half)) \
      --sources 4 --first-source $((first + 4)) --rate 0 --duration "$IDLE_HOLD" &
    gens+=($!)
  fi
done
for g in "${gens[@]}"; do wait "$g" || log "a generator failed"; done
stop_nodes

# Cross-node broadcast: subscribers on every node; updates published on node 1 and measured on node 2, so each
# one crosses Redis (appended to the stream by node 1, read and fanned out by node 2). The other nodes'
# subscribers are there as load.
log "broadcast: $NODES nodes x $BROADCAST_PER_NODE subscribers, published on node 1, measured on node 2"
start_nodes
hold=$(( WARMUP + STEP_SECONDS * $(tr ',' '\n' <<<"$RATES" | wc -l) + 40 ))
hold=$(( hold > 60 ? 60 : hold ))
gens=()
for n in $(seq "$NODES"); do
  [[ $n == 2 ]] && continue
  generate_on "$n" "$OUT/load.jsonl" --scenario "load" --protocol seed --subscribers "$BROADCAST_PER_NODE" \
    --sources 2 --first-source $(( (n - 1) * 8 + 1 )) --rate 0 --duration "$hold" 2>/dev/null &
  gens+=($!)
done
# Its scenario is named after all the stream's subscribers; the figures are those of node 2's share.
generate_on 2 "$RESULTS" --scenario "broadcast-$((NODES * BROADCAST_PER_NODE))" \
  --protocol seed --subscribers "$BROADCAST_PER_NODE" \
  --sources 2 --first-source 9 --publish-hub "http://127.0.0.1:${PORTS[0]}" --rates "$RATES" \
  --duration "$STEP_SECONDS" --payload 100 --warmup "$WARMUP"
for g in "${gens[@]}"; do kill "$g" 2>/dev/null || true; done
stop_nodes

log "results: $RESULTS"
java -cp "$BENCH_JAR" dev.herald.bench.report.Report "$RESULTS" "$OUT" | tee "$OUT/table.md"
