#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Start to ready on embedded defaults: the startup mode of bench/run.

    startup.py OUT_DIR [--repeat 3] [--jar gateway/target/civicpulse-gateway.jar] [--java-opts "..."]

Each round launches the gateway the way the README does,
    java -jar gateway/target/civicpulse-gateway.jar run --config config/gateway.yaml --mqtt-port P --http-port H
         --data-dir FRESH
(config/gateway.yaml and its registry config/devices.yaml unchanged, free ports, a fresh empty data folder, so
QuestDB and H2 create their files as on a first start), and polls every 20 ms until
  - MQTT: device sl-001 of config/devices.yaml (seed-42 secret) gets CONNACK return code 0 (MQTT 3.1.1), and
  - HTTP: GET /api and GET /health both answer 200.
Ready = the later of the two, in ms from just before the process was launched. A second launch on the same data
folder (a restart: tables and migrations exist) is timed too. Prints one line and writes OUT_DIR/startup-*.json.
"""
import argparse
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

DEVICE = "sl-001"
SECRET = hashlib.sha256(f"civicpulse-sim:42:{DEVICE}".encode()).hexdigest()[:32]
TIMEOUT_S = 180


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mqtt_string(text):
    data = text.encode()
    return len(data).to_bytes(2, "big") + data


def connack_ok(port):
    """An MQTT 3.1.1 CONNECT with user name and password; True when CONNACK says accepted."""
    body = mqtt_string("MQTT") + bytes([4, 0xC2]) + (30).to_bytes(2, "big") + mqtt_string(DEVICE) \
        + mqtt_string(DEVICE) + mqtt_string(SECRET)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(bytes([0x10, len(body)]) + body)
            reply = s.recv(4)
            ok = len(reply) == 4 and reply[0] == 0x20 and reply[3] == 0
            if ok:
                s.sendall(bytes([0xE0, 0]))  # DISCONNECT
            return ok
    except OSError:
        return False


def http_ok(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def one_start(jar, data_dir, java_opts, log_path):
    mqtt_port, http_port = free_port(), free_port()
    command = ["java", *java_opts.split(), "-jar", jar, "run", "--config", "config/gateway.yaml",
               "--mqtt-port", str(mqtt_port), "--http-port", str(http_port), "--data-dir", data_dir]
    with open(log_path, "w") as log:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        mqtt_ms = http_ms = None
        try:
            while (mqtt_ms is None or http_ms is None) and time.monotonic() - started < TIMEOUT_S:
                if process.poll() is not None:
                    raise RuntimeError(f"the gateway exited with {process.returncode}; see {log_path}")
                elapsed = lambda: round((time.monotonic() - started) * 1000)
                if mqtt_ms is None and connack_ok(mqtt_port):
                    mqtt_ms = elapsed()
                if http_ms is None and http_ok(http_port, "/api") and http_ok(http_port, "/health"):
                    http_ms = elapsed()
                time.sleep(0.02)
        finally:
            process.terminate()
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    if mqtt_ms is None or http_ms is None:
        raise RuntimeError(f"not ready within {TIMEOUT_S} s (MQTT {mqtt_ms}, HTTP {http_ms}); see {log_path}")
    return {"mqttConnackMs": mqtt_ms, "httpHealthMs": http_ms, "readyMs": max(mqtt_ms, http_ms)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jar", default="gateway/target/civicpulse-gateway.jar")
    parser.add_argument("--java-opts", default="")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="civicpulse-startup.")
    first, again = [], []
    try:
        for n in range(args.repeat):
            data = os.path.join(work, f"data-{n}")
            first.append(one_start(args.jar, data, args.java_opts, os.path.join(work, f"first-{n}.log")))
            again.append(one_start(args.jar, data, args.java_opts, os.path.join(work, f"restart-{n}.log")))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    median = lambda runs, key: statistics.median(r[key] for r in runs)
    result = {"mode": "startup", "command": "java -jar gateway/target/civicpulse-gateway.jar run --config "
              "config/gateway.yaml --mqtt-port P --http-port H --data-dir FRESH",
              "ready": "MQTT CONNACK 0 for sl-001 and HTTP 200 on /api and /health",
              "javaOpts": args.java_opts or "JVM defaults", "cpus": os.cpu_count(),
              "freshDataDir": first, "restartSameDataDir": again,
              "readyMsMedian": median(first, "readyMs"), "restartReadyMsMedian": median(again, "readyMs"),
              "loadavg1": float(open("/proc/loadavg").read().split()[0])}
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, time.strftime("startup-%Y%m%d-%H%M%S.json"))
    with open(path, "w") as f:
        json.dump(result, f, indent=1)
    print(f"startup: ready in {result['readyMsMedian']} ms median on a fresh data folder "
          f"({', '.join(str(r['readyMs']) for r in first)}; MQTT CONNACK "
          f"{', '.join(str(r['mqttConnackMs']) for r in first)}, HTTP {', '.join(str(r['httpHealthMs']) for r in first)}"
          f"), restart {result['restartReadyMsMedian']} ms; load {result['loadavg1']} -> {path}")


if __name__ == "__main__":
    sys.exit(main())
