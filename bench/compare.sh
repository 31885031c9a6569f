# bench/compare.sh: the side-by-side mode of bench/run (sourced by it after lib.sh and option parsing).
# For each (connections, QoS) cell the servers start once and stay up; one warm-up run per system, then
# A B [N] repeated PAIRS times, so the JIT-warmed steady state is what gets measured and the systems alternate.

need_jars
RUNS=$OUT/runs.jsonl
: >"$RUNS"
write_registry 100 0 "$WORK/devices.yaml"   # sl-001..sl-100 with seed-42 secrets, for up to 100 connections
compile_helpers
NODE_RED_NOTE="not tried (--no-node-red)"
[ "$NODE_RED" = 1 ] && install_node_red
echo "Node-RED: $NODE_RED_NOTE"

declare -A PID_OF PORT_OF BROKER_OF QDB_OF
start_system() {
  BROKER_PID=""; QDB_HTTP=""
  case $1 in
    civicpulse) start_civicpulse "$WORK/devices.yaml";;
    mosquitto) start_mosquitto;;
    node-red) start_node_red;;
  esac
  PID_OF[$1]=$SRV_PID; PORT_OF[$1]=$SRV_PORT; BROKER_OF[$1]=$BROKER_PID; QDB_OF[$1]=$QDB_HTTP
}
stop_system() { for p in ${PID_OF[$1]} ${BROKER_OF[$1]}; do stop_pid "$p"; done; }
server_cpu() { # CPU seconds of the system's server processes (Node-RED: node-red + its mosquitto)
  local total=0 p
  for p in ${PID_OF[$1]} ${BROKER_OF[$1]}; do total=$(python3 -c "print($total + $(cpu_seconds "$p"))"); done
  echo "$total"
}

measure() { # system connections qos label
  local system=$1 conns=$2 qos=$3 label=$4 id=$WORK/run-$RANDOM
  local port=${PORT_OF[$system]} duration=$DURATION sub_pid="" topic="cp/+/+/+/telemetry"
  [ "$label" = warmup ] && duration=$WARMUP
  [ "$system" = node-red ] && topic="nr/cp/+/+/+/telemetry"
  if [ "$system" != civicpulse ]; then
    # Peers: a subscriber counts what the broker (Node-RED: the flow) delivers. CivicPulse has none: its stored
    # count comes from the store, and a subscriber would make the gateway fan every reading out once more.
    java -cp "$SIM_JAR:$WORK/classes" Subscriber "tcp://127.0.0.1:$port" "$id.stop" "$topic" \
      >"$id.count" 2>"$id.sub.err" &
    sub_pid=$!; PIDS+=("$sub_pid")
    wait_for "$id.sub.err" "subscriber ready" 30
  fi
  local since cpu0 cpu1
  since=$(now_ms); cpu0=$(server_cpu "$system")
  java -jar "$SIM_JAR" load --mqtt "127.0.0.1:$port" --devices "$conns" --qos "$qos" --window "$WINDOW" \
    --payload-bytes 100 --duration "$duration" --json "$id.load.json" --quiet >/dev/null 2>"$id.load.err" || true
  if [ "$system" = civicpulse ]; then
    local expect=""
    [ "$qos" = 1 ] && expect="--expect $(python3 -c "import json; print(json.load(open('$id.load.json'))['acked'])" \
      2>/dev/null || echo 0)"
    # shellcheck disable=SC2086 # $expect is empty or two words
    python3 bench/store.py "${QDB_OF[$system]}" streetlight "$since" $expect >"$id.count"
  else
    sleep 2  # let the last messages reach the subscriber
  fi
  cpu1=$(server_cpu "$system")
  if [ -n "$sub_pid" ]; then touch "$id.stop"; wait "$sub_pid" || true; fi
  python3 bench/record.py "$system" "$conns" "$qos" "$label" "$id.load.json" "$id.count" \
    "$(python3 -c "print($cpu1 - $cpu0)")" "$(loadavg1)" >>"$RUNS"
  [ "$label" = warmup ] || tail -1 "$RUNS"
}

SYSTEMS="civicpulse mosquitto"; [ "$NODE_RED" = 1 ] && SYSTEMS="$SYSTEMS node-red"
for conns in $CONNECTIONS; do
  for qos in $QOSES; do
    for s in $SYSTEMS; do start_system "$s"; done
    for s in $SYSTEMS; do measure "$s" "$conns" "$qos" warmup; done
    for pair in $(seq 1 "$PAIRS"); do
      for s in $SYSTEMS; do measure "$s" "$conns" "$qos" "pair-$pair"; done
    done
    for s in $SYSTEMS; do stop_system "$s"; done
  done
done
python3 bench/report.py "$RUNS" "$OUT" "$NODE_RED_NOTE"
