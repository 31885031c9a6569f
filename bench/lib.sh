# bench/lib.sh: shared by the bench/run modes (sourced, not run). Starts and stops the servers under test and
# measures processes; every process started here is remembered in PIDS and stopped by PID on exit.
# Callers set ROOT (repository root) and OUT (bench/out by default) before sourcing.

GW_JAR=gateway/target/civicpulse-gateway.jar
SIM_JAR=simulators/target/civicpulse-simulators.jar
SEED=42
PIDS=()
WORK=$(mktemp -d /tmp/civicpulse-bench.XXXXXX)

cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' TERM INT   # so the EXIT trap stops what was started here

need_jars() {
  if [ ! -f "$GW_JAR" ] || [ ! -f "$SIM_JAR" ]; then
    echo "building the jars (./mvnw -B -q -pl gateway,simulators -am -DskipTests package)..."
    ./mvnw -B -q -pl gateway,simulators -am -DskipTests package
  fi
  mkdir -p "$OUT"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { python3 -c 'import time; print(int(time.time()*1000))'; }
loadavg1() { cut -d' ' -f1 /proc/loadavg; }
cpu_seconds() { # user+system CPU seconds of a process and its reaped children
  awk -v hz="$(getconf CLK_TCK)" '{print ($14+$15+$16+$17)/hz}' "/proc/$1/stat" 2>/dev/null || echo 0
}
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
wait_for() { # file pattern seconds
  for _ in $(seq 1 $(( $3 * 10 ))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "bench: '$2' did not appear in $1 within $3 s; last lines:" >&2; tail -20 "$1" >&2; return 1
}

# Registry of seed-42 devices: the load generator logs in as sl-001..sl-N with these secrets.
write_registry() { # streetlights bins file
  java -jar "$SIM_JAR" registry --seed "$SEED" --streetlights "$1" --bins "$2" --gates 0 --bcrypt-cost 4 \
    --out "$3" >/dev/null
}

# CivicPulse on its embedded defaults (QuestDB + H2 + spool in a fresh data folder), config/gateway.yaml with
# only the registry swapped. Extra environment (CP_...) may be passed as arguments. Sets SRV_PID SRV_PORT
# HTTP_PORT QDB_HTTP (the embedded store's HTTP port, which serves SQL on /exec) and CP_LOG.
# TXN_STATS=1 (the default) writes one QuestDB setting into the fresh data folder before the start:
# cairo.default.sequencer.part.txn.count makes QuestDB's write-ahead-log sequencer record, per committed
# transaction, its row count and event-time range, from which bench/store.py reads send->stored latency. It
# changes the sequencer's bookkeeping format, not the write path; TXN_STATS=0 runs pure defaults (no latency).
start_civicpulse() { # registry-file [ENV=VALUE ...]
  local registry=$1; shift
  SRV_PORT=$(free_port); HTTP_PORT=$(free_port)
  local data=$WORK/cp-data-$SRV_PORT; CP_LOG=$WORK/cp-$SRV_PORT.log
  if [ "${TXN_STATS:-1}" = 1 ]; then
    mkdir -p "$data/questdb/conf"; echo "cairo.default.sequencer.part.txn.count=10000" >"$data/questdb/conf/server.conf"
  fi
  env CP_REGISTRY_DEVICES="$registry" "$@" java ${CP_JAVA_OPTS:-} -jar "$GW_JAR" run --config config/gateway.yaml \
    --mqtt-port "$SRV_PORT" --http-port "$HTTP_PORT" --data-dir "$data" >"$CP_LOG" 2>&1 &
  SRV_PID=$!; PIDS+=("$SRV_PID")
  wait_for "$CP_LOG" "MQTT listening" 120
  QDB_HTTP=$(sed -n 's/.*Embedded QuestDB started .*: http 127.0.0.1:\([0-9]*\),.*/\1/p' "$CP_LOG" | head -1)
}

# Mosquitto from the Debian package on a free port: anonymous, no persistence. Sets SRV_PID SRV_PORT.
start_mosquitto() {
  command -v mosquitto >/dev/null || { echo "bench: mosquitto not found (apt-get install mosquitto)" >&2; exit 2; }
  SRV_PORT=$(free_port); local conf=$WORK/mosquitto-$SRV_PORT.conf
  printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_queued_messages 100000\npersistence false\n' \
    "$SRV_PORT" >"$conf"
  mosquitto -c "$conf" >"$WORK/mosquitto-$SRV_PORT.log" 2>&1 &
  SRV_PID=$!; PIDS+=("$SRV_PID")
  for _ in $(seq 1 50); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $SRV_PORT), 0.2)" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench: mosquitto did not listen on $SRV_PORT" >&2; cat "$WORK/mosquitto-$SRV_PORT.log" >&2; return 1
}

# Node-RED 4.1.x from npm, once, into bench/.node-red (ignored by git). Sets NODE_RED (0/1) and NODE_RED_NOTE.
NR_BIN=bench/.node-red/node_modules/.bin/node-red
install_node_red() {
  if [ ! -x "$NR_BIN" ] && command -v npm >/dev/null; then
    echo "installing node-red@~4.1 from npm into bench/.node-red ..."
    npm install --silent --no-audit --no-fund --prefix bench/.node-red node-red@~4.1 >"$WORK/npm.log" 2>&1 || true
  fi
  if [ -x "$NR_BIN" ]; then
    NODE_RED_NOTE="node-red $(node -p "require('./bench/.node-red/node_modules/node-red/package.json').version")"
  else
    NODE_RED=0; NODE_RED_NOTE="not installable here (npm: $(tail -1 "$WORK/npm.log" 2>/dev/null))"
  fi
}

# Mosquitto carries the messages; Node-RED runs mqtt in -> json -> function -> mqtt out. Sets SRV_PID (node-red)
# BROKER_PID (its mosquitto) SRV_PORT (the broker's port).
start_node_red() {
  start_mosquitto; BROKER_PID=$SRV_PID; local dir=$WORK/nr-$SRV_PORT
  mkdir -p "$dir"; sed "s/BROKER_PORT/$SRV_PORT/" bench/node-red-flow.json >"$dir/flows.json"
  "$NR_BIN" --userDir "$dir" --port "$(free_port)" "$dir/flows.json" >"$dir/log" 2>&1 &
  SRV_PID=$!; PIDS+=("$SRV_PID")
  wait_for "$dir/log" "Started flows" 90; sleep 1
}

stop_pid() { # TERM, then KILL after 20 s: a Node-RED still working through a backlog ignores TERM for minutes
  kill "$1" 2>/dev/null || return 0
  local i
  for i in $(seq 1 40); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Java helpers in bench/*.java, compiled once against the simulators jar (which holds Paho).
compile_helpers() {
  mkdir -p "$WORK/classes"
  javac -d "$WORK/classes" -cp "$SIM_JAR" bench/Subscriber.java bench/AlertProbe.java
}
