#!/usr/bin/env bash
# Side-by-side SSE benchmarks on loopback: Herald against Nchan (nginx), the seed's Spring MVC SseEmitter
# server and the seed's Express server, one server at a time (start -> wait ready -> run -> stop), scenario by
# scenario, the whole set --repeat times. Writes the load generator's JSON lines (each tagged "run":K) to
# bench/results/<timestamp>/results.jsonl, draws SVG charts there and prints tables of the medians over the
# runs with min-max and Herald/peer ratios. See bench/README.md.
#
#   mvn -q -B package -DskipTests        # herald-server/target/herald.jar, herald-bench/target/herald-bench.jar
#   bench/run.sh                         # the full set, 3 runs (needs a quiet machine; about 90 minutes)
#   bench/run.sh --quick                 # a smoke run with small sizes, 1 run (about 5 minutes)
#   bench/run.sh --servers herald,nchan --scenarios idle,broadcast [--repeat N] [--jdk25] [--quick]
#
# --repeat N (or REPEAT=N): runs of the whole set, default 3 (1 with --quick). Repetitions interleave the
# servers (run 1: herald, nchan, ...; run 2: herald, nchan, ...), so drift on the machine touches all alike;
# every scenario of every run starts its server afresh. HERALD_LOOPS=N: Herald's --event-loops, default 1 here
# (the generator shares the cores); 0 is one per core, Herald's own default.
#
# A peer whose runtime is missing (nginx + libnginx-mod-nchan, Maven for the Spring peer, node/npm for
# Express) is skipped with a notice. Every run is bounded: each step at most 60 s, each generator under a
# timeout.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=0
SERVERS=herald,nchan,spring,express
SCENARIOS=idle,broadcast,topics,slow
JDK25=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) QUICK=1 ;;
    --servers) SERVERS=$2; shift ;;
    --scenarios) SCENARIOS=$2; shift ;;
    --repeat) REPEAT=$2; shift ;;
    --jdk25) JDK25=1 ;;
    -h|--help) sed -n 2,20p "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [[ $JDK25 == 1 ]]; then SERVERS="$SERVERS,herald-jdk25"; fi
# Medians of 3 for results; one run for the smoke check.
if [[ $QUICK == 1 ]]; then REPEAT=${REPEAT:-1}; else REPEAT=${REPEAT:-3}; fi
[[ $REPEAT =~ ^[1-9][0-9]*$ ]] || { echo "--repeat must be a positive whole number, got '$REPEAT'" >&2; exit 2; }

source bench/lib.sh
# Herald's --event-loops here (HERALD_LOOPS=0 for one per core, its default outside the benchmark).
HERALD_LOOPS=${HERALD_LOOPS:-1}
JDK25_JAVA=${JDK25_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
NCHAN_MODULE=/usr/lib/nginx/modules/ngx_nchan_module.so
SPRING_JAR=bench/peers/spring-sse/target/spring-sse.jar
require_jars

# Sizes. The full set follows issue 7; --quick is the smoke run used to check the pipeline on a busy machine.
# IDLE_SIZES and BROADCAST_SIZES in the environment override the lists (e.g. IDLE_SIZES=19000).
if [[ $QUICK == 1 ]]; then
  IDLE_SIZES=${IDLE_SIZES:-"200 1000"}
  BROADCAST_SIZES=${BROADCAST_SIZES:-200}
  RATES=10,50,100,200
  STEP_SECONDS=5
  TOPIC_SUBSCRIBERS=200; TOPIC_COUNT=20; TOPIC_RATES=20,100
  SLOW_SUBSCRIBERS=200; SLOW_RATE=100; SLOW_SECONDS=10; SLOW_PAYLOAD=8000
  IDLE_HOLD=5
  WARMUP=3
else
  IDLE_SIZES=${IDLE_SIZES:-"1000 10000 19000"}
  BROADCAST_SIZES=${BROADCAST_SIZES:-"1000 10000"}
  RATES=10,50,100,200,500,1000 # at 1,000 subscribers: 10k to 1M delivered events/s
  STEP_SECONDS=8
  TOPIC_SUBSCRIBERS=10000; TOPIC_COUNT=1000; TOPIC_RATES=100,1000,2000
  SLOW_SUBSCRIBERS=1000; SLOW_RATE=100; SLOW_SECONDS=20; SLOW_PAYLOAD=8000
  IDLE_HOLD=10
  WARMUP=10
fi

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/results/$STAMP
[[ $QUICK == 1 ]] && OUT=$OUT-quick
mkdir -p "$OUT"
RESULTS=$OUT/results.jsonl
: >"$RESULTS"
WORK=$(mktemp -d -t herald-bench-XXXXXX)
SERVER_PID=
cleanup() {
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT

# Is server $1 runnable here? Prints why not on stderr.
available() {
  case $1 in
    herald) return 0 ;;
    herald-jdk25) [[ -x $JDK25_JAVA ]] || { log "skip herald-jdk25: no $JDK25_JAVA"; return 1; } ;;
    nchan)
      command -v nginx >/dev/null && [[ -f $NCHAN_MODULE ]] || { log "skip nchan: needs nginx and libnginx-mod-nchan"; return 1; } ;;
    spring)
      if [[ ! -f $SPRING_JAR ]]; then
        command -v mvn >/dev/null || { log "skip spring: no $SPRING_JAR and no mvn"; return 1; }
        log "building the Spring peer (mvn -q -f bench/peers/spring-sse/pom.xml package)"
        mvn -q -B -f bench/peers/spring-sse/pom.xml package -DskipTests || { log "skip spring: build failed"; return 1; }
      fi ;;
    express)
      command -v node >/dev/null && command -v npm >/dev/null || { log "skip express: needs node and npm"; return 1; }
      if [[ ! -d bench/peers/express/node_modules ]]; then
        log "installing the Express peer's dependencies (npm ci)"
        (cd bench/peers/express && npm ci --no-audit --no-fund --silent) || { log "skip express: npm ci failed"; return 1; }
      fi ;;
    *) log "unknown server $1"; return 1 ;;
  esac
}

# Starts server $1 on a fresh port; sets PORT and SERVER_PID.
start_server() {
  PORT=$(free_port)
  case $1 in
    herald|herald-jdk25)
      local java=java
      [[ $1 == herald-jdk25 ]] && java=$JDK25_JAVA
      # Development mode (no keys), loopback only; the connection guards raised above the 19k idle scenario
      # (their defaults protect against one address opening thousands) and no publish rate limit. One event
      # loop: the load generator runs on the same cores, and a second loop takes the core it reads on
      # (docs/performance.md, "One event loop per core").
      "$java" -Xmx"$SERVER_HEAP" -jar "$SERVER_JAR" --host 127.0.0.1 --port "$PORT" --event-loops "$HERALD_LOOPS" \
        --max-connections 25000 --max-connections-per-ip 25000 --publish-rate 0 >"$WORK/server.log" 2>&1 &
      SERVER_PID=$!
      await_http "http://127.0.0.1:$PORT/healthz" "$WORK/server.log" ;;
    nchan)
      local dir=$WORK/nginx
      rm -rf "$dir"; mkdir -p "$dir"
      local user=""
      [[ $(id -u) == 0 ]] && user="user root root;"
      sed -e "s#@DIR@#$dir#g; s#@PORT@#$PORT#g; s#@WORKERS@#$(nproc)#g; s#@USER@#$user#g" \
        bench/peers/nchan/nginx.conf.template >"$dir/nginx.conf"
      nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$WORK/server.log" 2>&1 &
      SERVER_PID=$!
      await_http "http://127.0.0.1:$PORT/healthz" "$WORK/server.log" ;;
    spring)
      PORT=$PORT java -Xmx"$SERVER_HEAP" -jar "$SPRING_JAR" >"$WORK/server.log" 2>&1 &
      SERVER_PID=$!
      await_http "http://127.0.0.1:$PORT/" "$WORK/server.log" ;;
    express)
      PORT=$PORT node bench/peers/express/server.js >"$WORK/server.log" 2>&1 &
      SERVER_PID=$!
      await_http "http://127.0.0.1:$PORT/" "$WORK/server.log" ;;
  esac
  sleep 1 # let the runtime settle before the baseline RSS
}

stop_server() {
  [[ -n ${SERVER_PID:-} ]] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

# Runs the load generator with "$@" against the running server, appending its JSON lines to the results.
generate() {
  timeout 600 java -Xmx1g -cp "$BENCH_JAR" dev.herald.bench.load.LoadGenerator \
    --hub "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" --run "$RUN" "$@" | tee -a "$RESULTS" | cut -c1-220 >&2
}

# One run: start server $1, run scenario $2 with the generator arguments that follow, stop the server.
run_one() {
  local server=$1 scenario=$2; shift 2
  log "run $RUN/$REPEAT: $server / $scenario: $*"
  if ! start_server "$server"; then log "could not start $server; skipped"; stop_server; return 0; fi
  generate --label "$server" --scenario "$scenario" "$@" || log "$server / $scenario failed (exit $?)"
  stop_server
}

# Idle: N subscriptions held open. Above 9,500 two generator processes share them (each process may open
# 20,000 files here), each from its own four source addresses.
idle() {
  local server=$1 size=$2
  log "run $RUN/$REPEAT: $server / idle-$size"
  if ! start_server "$server"; then log "could not start $server; skipped"; stop_server; return 0; fi
  if (( size <= 9500 )); then
    generate --label "$server" --scenario "idle-$size" --protocol seed --subscribers "$size" --sources 4 \
      --rate 0 --duration "$IDLE_HOLD" || log "failed"
  else
    local half=$((size / 2))
    generate --label "$server" --scenario "idle-$size" --protocol seed --subscribers "$half" --sources 4 \
      --first-source 1 --part 1/2 --rate 0 --duration "$IDLE_HOLD" &
    local first=$!
    generate --label "$server" --scenario "idle-$size" --protocol seed --subscribers $((size - half)) --sources 4 \
      --first-source 5 --part 2/2 --rate 0 --duration "$IDLE_HOLD" || log "failed"
    wait "$first" || log "failed"
  fi
  stop_server
}

has() { [[ ,$1, == *,$2,* ]]; }

# The updates/s ladder for a broadcast to $1 subscribers: the same delivered events/s at every size (RATES is for
# 1,000; 10,000 subscribers get a tenth of each rate, at least 1), so each size has steps that a server can pass.
broadcast_rates() {
  local size=$1 rate out=()
  if (( size <= 1000 )) || [[ $QUICK == 1 ]]; then echo "$RATES"; return; fi
  for rate in ${RATES//,/ }; do
    rate=$(( rate * 1000 / size )); (( rate < 1 )) && rate=1
    [[ " ${out[*]} " == *" $rate "* ]] || out+=("$rate")
  done
  (IFS=,; echo "${out[*]}")
}

# Which servers can run here, decided once (a skip notice, a peer's first build) before the repetitions.
RUNNABLE=()
for server in ${SERVERS//,/ }; do
  if available "$server"; then RUNNABLE+=("$server"); fi
done
(( ${#RUNNABLE[@]} > 0 )) || { log "no server to run"; exit 2; }

# A kernel memory monitor (DAMON) that samples every few hundred ms takes a core for tens of ms per sample
# under load, and every server's tail shows it (docs/performance.md, "What sets the tail on this machine").
for state in /sys/kernel/mm/damon/admin/kdamonds/*/state; do
  if [[ -r $state && $(cat "$state") == on ]]; then
    intervals=${state%/state}/contexts/0/monitoring_attrs/intervals
    log "note: a DAMON kdamond is running (sample every $(cat "$intervals/sample_us" 2>/dev/null || echo '?') us);" \
      "expect latency spikes at that period in every server's tail"
  fi
done

for RUN in $(seq "$REPEAT"); do
  for server in "${RUNNABLE[@]}"; do
    if has "$SCENARIOS" idle; then
      for size in $IDLE_SIZES; do idle "$server" "$size"; done
    fi
    if has "$SCENARIOS" broadcast; then
      for size in $BROADCAST_SIZES; do
        run_one "$server" "broadcast-$size" --protocol seed --subscribers "$size" --sources 4 \
          --rates "$(broadcast_rates "$size")" --duration "$STEP_SECONDS" --payload 100 --warmup "$WARMUP"
      done
    fi
    if has "$SCENARIOS" topics; then
      case $server in
        herald*) protocol=mercure ;;
        nchan) protocol=nchan ;;
        *) protocol= ;; # the seed's servers have one stream only
      esac
      if [[ -n $protocol ]]; then
        run_one "$server" "topics-$TOPIC_SUBSCRIBERS" --protocol "$protocol" --subscribers "$TOPIC_SUBSCRIBERS" \
          --topics "$TOPIC_COUNT" --sources 4 --rates "$TOPIC_RATES" --duration "$STEP_SECONDS" --payload 100 \
          --warmup "$WARMUP"
      fi
    fi
    if has "$SCENARIOS" slow; then
      for fraction in 0 0.1; do
        run_one "$server" "slow-$fraction" --protocol seed --subscribers "$SLOW_SUBSCRIBERS" --sources 4 \
          --slow-fraction "$fraction" --rate "$SLOW_RATE" --duration "$SLOW_SECONDS" --payload "$SLOW_PAYLOAD" \
          --warmup "$WARMUP" --stop-p99-ms 1e9
      done
    fi
  done
done

log "results: $RESULTS"
java -cp "$BENCH_JAR" dev.herald.bench.report.Report "$RESULTS" "$OUT" | tee "$OUT/table.md"
