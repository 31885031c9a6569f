#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""One line of runs.jsonl from a compare run's pieces.

    record.py SYSTEM CONNECTIONS QOS LABEL LOAD_JSON COUNT_JSON CPU_SECONDS LOADAVG1

LOAD_JSON is the simulators' `load --json` output; COUNT_JSON is store.py's output (CivicPulse: counted in its store)
or Subscriber's (peers: delivered to a subscriber).
"""
import json
import sys


def main(system, conns, qos, label, load_path, count_path, cpu, loadavg):
    try:
        load = json.load(open(load_path))
    except (OSError, ValueError):
        load = {"acked": 0, "sent": 0, "seconds": 0, "p50Millis": None, "p99Millis": None, "errors": -1}
    try:
        counted = json.loads(open(count_path).read().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        counted = {}
    qos, cpu = int(qos), float(cpu)
    if system == "civicpulse":
        done, last, p50, p99 = (counted.get("stored", 0), counted.get("lastStoredMs"),
                                counted.get("sendToStoredP50Ms"), counted.get("sendToStoredP99Ms"))
    else:
        done, last, p50, p99 = (counted.get("delivered", 0), counted.get("lastDeliveredMs"),
                                counted.get("sendToDeliveredP50Ms"), counted.get("sendToDeliveredP99Ms"))
    first = counted.get("firstSendMs")
    # The run lasts from the first publish until the last reading was stored (delivered), or until the last ack,
    # whichever is later: at QoS 0 a server may still be working through a backlog when the publisher stops.
    seconds = max(load.get("seconds") or 0, (last - first) / 1000.0 if first and last else 0)
    acked = load.get("acked", 0)
    print(json.dumps({
        "system": system, "connections": int(conns), "qos": qos, "label": label,
        "sent": load.get("sent", 0), "acked": acked, "loadErrors": load.get("errors"), "seconds": round(seconds, 3),
        "storedOrDelivered": done, "msgPerSecond": round(done / seconds, 1) if seconds else 0,
        "pubAckP50Ms": load.get("p50Millis") if qos == 1 else None,
        "pubAckP99Ms": load.get("p99Millis") if qos == 1 else None,
        "sendToStoredP50Ms": p50, "sendToStoredP99Ms": p99,
        "serverCpuSeconds": round(cpu, 3),
        "cpuSecondsPer100k": round(cpu * 100000 / done, 3) if done else None,
        # QoS 1: acknowledged but not stored (CivicPulse, must be 0), or acknowledged by the broker but not
        # delivered to the subscriber by the end of the run (peers). QoS 0 has no acknowledgement to hold to.
        "loss": acked - done if qos == 1 else None,
        "notStoredOrDelivered": load.get("sent", 0) - done,
        "loadavg1": float(loadavg)}))


if __name__ == "__main__":
    main(*sys.argv[1:9])
