# bench/alert.sh: the alert mode of bench/run (sourced after lib.sh and option parsing). Anomaly reading -> alert
# delivered to a crew subscriber, p50/p99, while the load generator keeps a background rate of streetlight
# readings. Issue 9 section 3; also issue 5's rule-to-alert latency.
#
# What is measured: a bin (one per probe) publishes 85 degC; WB-03 raises at once; the issue service opens the issue
# (H2 commit) and the gateway publishes the event on cp/lakeside/alerts/<body> to the subscribed crew account
# (config/crews.yaml demo account, sanitation-crew by default: its body assists on WB-03). Latency = alert received
# - reading's send time. MQTT alerts go out per event: alerts.groupWindow (0s by default) groups only webhook and
# stream deliveries, so no grouping delay is in this path; the gateway runs config/gateway.yaml unchanged.

need_jars
compile_helpers
write_registry "$BG_DEVICES" "$PROBES" "$WORK/devices.yaml"
start_civicpulse "$WORK/devices.yaml"
GW_PID=$SRV_PID; GW_PORT=$SRV_PORT
echo "alert: gateway up (MQTT $GW_PORT); background $BG_RATE msg/s over $BG_DEVICES streetlights"
BG_PID=""
if [ "$BG_RATE" != 0 ]; then
  java -jar "$SIM_JAR" load --mqtt "127.0.0.1:$GW_PORT" --devices "$BG_DEVICES" --qos 1 --rate "$BG_RATE" \
    --duration 24h --json "$WORK/bg.json" --quiet >"$WORK/bg.out" 2>&1 &
  BG_PID=$!; PIDS+=("$BG_PID")
  sleep "$SETTLE_SECONDS"   # connected and at rate before the first probe
fi
cpu0=$(cpu_seconds "$GW_PID")
java -cp "$SIM_JAR:$WORK/classes" AlertProbe "tcp://127.0.0.1:$GW_PORT" lakeside "$SEED" "$CREW_USER" \
  "$CREW_PASSWORD" "$CREW_BODY" "$PROBES" "$PROBE_INTERVAL_MS" 15000 >"$WORK/probe.json" 2>"$WORK/probe.err" || {
  echo "alert: the probe failed:" >&2; cat "$WORK/probe.err" >&2; exit 1; }
cpu1=$(cpu_seconds "$GW_PID")
rss=$(rss_kib "$GW_PID")
bg_acked=0
if [ -n "$BG_PID" ]; then stop_pid "$BG_PID"; fi
[ -f "$WORK/bg.json" ] && bg_acked=$(python3 -c "import json; print(json.load(open('$WORK/bg.json'))['acked'])")
RESULT=$OUT/alert-$(date +%Y%m%d-%H%M%S).json
python3 - "$WORK/probe.json" "$BG_RATE" "$BG_DEVICES" "$CREW_USER" "$CREW_BODY" "$cpu0" "$cpu1" "$rss" \
  "$bg_acked" "$(loadavg1)" >"$RESULT" <<'PY'
import json, sys
probe = json.load(open(sys.argv[1]))
rate, devices, user, body, c0, c1, rss, bg_acked, load = sys.argv[2:]
print(json.dumps({"mode": "alert", "backgroundRate": float(rate), "backgroundDevices": int(devices),
    "backgroundAcked": int(bg_acked), "crew": user, "topic": f"cp/lakeside/alerts/{body}",
    "anomaly": "WB-03 bin fire, temperature_c 85 (raises at once)", "groupWindow": "0s (MQTT alerts are per event)",
    **probe, "gatewayCpuSeconds": round(float(c1) - float(c0), 2), "gatewayRssMiB": round(int(rss) / 1024),
    "loadavg1": float(load)}, indent=1))
PY
python3 - "$RESULT" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"alert: anomaly->alert p50 {r['anomalyToAlertP50Ms']} ms, p99 {r['anomalyToAlertP99Ms']} ms, "
      f"max {r['anomalyToAlertMaxMs']} ms ({r['alerts']}/{r['probes']} alerts, {r['timeouts']} timeouts) at "
      f"{r['backgroundRate']:.0f} msg/s background; load {r['loadavg1']} -> {sys.argv[1]}")
PY
