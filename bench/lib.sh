# Shared by bench/run.sh and bench/cluster.sh (sourced, from the repository root): where the jars are, the heap
# every JVM server gets, and the small helpers that start servers on free loopback ports.

SERVER_JAR=herald-server/target/herald.jar
BENCH_JAR=herald-bench/target/herald-bench.jar
# The heap every JVM server gets (Herald and the Spring peer alike).
SERVER_HEAP=${SERVER_HEAP:-1g}

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# Both jars must be built before a run.
require_jars() {
  local jar
  for jar in "$SERVER_JAR" "$BENCH_JAR"; do
    [[ -f $jar ]] || { echo "missing $jar: run 'mvn -q -B package -DskipTests' first" >&2; exit 2; }
  done
}

# A port nothing listens on now (connecting to it is refused).
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

# Waits until something answers HTTP on $1 (any status), for at most 60 s, while process $SERVER_PID lives;
# on failure shows the end of its log $2.
await_http() {
  local url=$1 server_log=$2
  for _ in $(seq 600); do
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    [[ $code != 000 ]] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server exited; its log: $server_log" >&2; tail -20 "$server_log" >&2; return 1; }
    sleep 0.1
  done
  echo "no answer from $url; its log: $server_log" >&2
  return 1
}
