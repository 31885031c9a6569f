# bench/rss.sh: the rss mode of bench/run (sourced after lib.sh and option parsing). Gateway resident memory with
# many connected devices at a low rate (issue 9 section 3: 10,000 devices, one reading each per 10 s).
#
# The gateway runs config/gateway.yaml with only mqtt.limits.maxConnections raised above the device count (the
# default cap is 10,000 and counts sockets still before CONNECT), heap settings from CP_JAVA_OPTS (none by default,
# so the JVM's own defaults). The simulators' load mode connects RSS_DEVICES streetlights and publishes
# RSS_DEVICES / EVERY readings per second in total, round robin, so each device sends one reading per EVERY.
# Once /health reports every device connected, VmRSS (/proc/PID/status) is sampled every 5 s for STEADY; the
# last sample is the steady-state figure, the largest is reported beside it.

need_jars
write_registry "$RSS_DEVICES" 0 "$WORK/devices.yaml"
start_civicpulse "$WORK/devices.yaml" CP_MQTT_LIMITS_MAX_CONNECTIONS=$(( RSS_DEVICES + RSS_DEVICES / 5 + 100 ))
GW_PID=$SRV_PID
sleep 2
baseline=$(rss_kib "$GW_PID")
every_s=$(python3 -c "import re,sys; m=re.fullmatch(r'(\d+)(ms|s|m)', '$EVERY'); \
print(int(m[1]) / {'ms': 1000, 's': 1, 'm': 1 / 60}[m[2]])")
rate=$(python3 -c "print($RSS_DEVICES / $every_s)")
steady_s=$(python3 -c "import re; m=re.fullmatch(r'(\d+)(s|m)', '$STEADY'); print(int(m[1]) * (60 if m[2] == 'm' else 1))")
echo "rss: gateway up, RSS $(( baseline / 1024 )) MiB idle; connecting $RSS_DEVICES devices at $rate msg/s in total"
started=$(now_ms)
java -jar "$SIM_JAR" load --mqtt "127.0.0.1:$SRV_PORT" --devices "$RSS_DEVICES" --qos 1 --rate "$rate" \
  --window 10 --duration $(( steady_s + CONNECT_WAIT_SECONDS + 30 ))s --json "$WORK/load.json" --quiet \
  >"$WORK/load.out" 2>&1 &
LOAD_PID=$!; PIDS+=("$LOAD_PID")
# Until every device is connected, or the count has not risen for 20 s (the load mode opens all its connections
# at once and gives up on those the gateway refuses or does not answer in time), or --connect-wait has passed.
connected=0; best=0; best_at=$SECONDS; deadline=$(( SECONDS + CONNECT_WAIT_SECONDS ))
while [ "$SECONDS" -lt "$deadline" ] && [ $(( SECONDS - best_at )) -lt 20 ]; do
  connected=$(python3 -c "import json,urllib.request; \
print(json.load(urllib.request.urlopen('http://127.0.0.1:$HTTP_PORT/health', timeout=5)).get('connectedClients', 0))" \
    2>/dev/null || echo 0)
  [ "$connected" -ge "$RSS_DEVICES" ] && break
  if [ "$connected" -gt "$best" ]; then best=$connected; best_at=$SECONDS; fi
  sleep 1
done
connect_s=$(python3 -c "print(round(($(now_ms) - $started) / 1000, 1))")
echo "rss: $connected of $RSS_DEVICES connected after $connect_s s; sampling VmRSS for $STEADY"
samples=()
cpu0=$(cpu_seconds "$GW_PID")
for _ in $(seq 1 $(( (steady_s + 4) / 5 ))); do sleep 5; samples+=("$(rss_kib "$GW_PID")"); done
cpu1=$(cpu_seconds "$GW_PID")
threads=$(awk '/^Threads:/ {print $2}' "/proc/$GW_PID/status")
stop_pid "$LOAD_PID"
RESULT=$OUT/rss-$(date +%Y%m%d-%H%M%S).json
python3 - "$RSS_DEVICES" "$connected" "$connect_s" "$rate" "$STEADY" "$baseline" "$cpu0" "$cpu1" "$threads" \
  "$(loadavg1)" "${CP_JAVA_OPTS:-JVM defaults}" "$WORK/load.json" "${samples[@]}" >"$RESULT" <<'PY'
import json, sys
devices, connected, connect_s, rate, steady, baseline, c0, c1, threads, load, jvm, load_json = sys.argv[1:13]
samples = [int(s) for s in sys.argv[13:]]
try: lg = json.load(open(load_json))
except (OSError, ValueError): lg = {}
mib = lambda kib: round(kib / 1024)
print(json.dumps({"mode": "rss", "devices": int(devices), "connected": int(connected),
    "connectSeconds": float(connect_s), "totalRate": float(rate), "steady": steady,
    "rssMiB": mib(samples[-1]) if samples else None, "rssMaxMiB": mib(max(samples)) if samples else None,
    "rssIdleMiB": mib(int(baseline)), "rssSamplesMiB": [mib(s) for s in samples],
    "gatewayCpuPercentOfOneCore": round((float(c1) - float(c0)) * 100 / (5 * len(samples)), 1) if samples else None,
    "gatewayThreads": int(threads), "jvm": jvm, "loadAcked": lg.get("acked"), "loadErrors": lg.get("errors"),
    "loadavg1": float(load)}, indent=1))
PY
python3 - "$RESULT" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"rss: {r['connected']}/{r['devices']} devices at {r['totalRate']:.0f} msg/s: gateway VmRSS {r['rssMiB']} MiB "
      f"(max {r['rssMaxMiB']}, idle {r['rssIdleMiB']}), {r['gatewayCpuPercentOfOneCore']} % of a core; "
      f"load {r['loadavg1']} -> {sys.argv[1]}")
PY
