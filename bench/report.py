#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Summarises bench/run compare's runs.jsonl: medians and ranges per system, connections and QoS; the issue's ratios."""
import json
import os
import statistics
import sys

THINGSBOARD_PER_VCPU = 2500.0


def main(runs_path, out_dir, node_red_note):
    runs = [json.loads(line) for line in open(runs_path) if line.strip()]
    runs = [r for r in runs if r["label"] != "warmup"]
    groups = {}
    for r in runs:
        groups.setdefault((r["system"], r["connections"], r["qos"]), []).append(r)

    def med(key, system, conns, qos):
        values = [r[key] for r in groups.get((system, conns, qos), []) if r.get(key) is not None]
        return statistics.median(values) if values else None

    def rng(key, system, conns, qos):
        values = [r[key] for r in groups.get((system, conns, qos), []) if r.get(key) is not None]
        return (min(values), max(values)) if values else (None, None)

    rows, summary = [], []
    for (system, conns, qos) in sorted(groups):
        lo, hi = rng("msgPerSecond", system, conns, qos)
        row = {"system": system, "connections": conns, "qos": qos, "runs": len(groups[(system, conns, qos)]),
               "msgPerSecondMedian": med("msgPerSecond", system, conns, qos), "msgPerSecondMin": lo,
               "msgPerSecondMax": hi, "pubAckP50Ms": med("pubAckP50Ms", system, conns, qos),
               "pubAckP99Ms": med("pubAckP99Ms", system, conns, qos),
               "sendToStoredP50Ms": med("sendToStoredP50Ms", system, conns, qos),
               "sendToStoredP99Ms": med("sendToStoredP99Ms", system, conns, qos),
               "cpuSecondsPer100k": med("cpuSecondsPer100k", system, conns, qos),
               "lossMax": max([r["loss"] for r in groups[(system, conns, qos)] if r.get("loss") is not None],
                              default=None),
               "loadavg1Median": med("loadavg1", system, conns, qos)}
        rows.append(row)
    cpus = os.cpu_count() or 1
    for conns in sorted({k[1] for k in groups}):
        ratios = {"connections": conns}
        for qos in (1, 0):
            cp, mq = med("msgPerSecond", "civicpulse", conns, qos), med("msgPerSecond", "mosquitto", conns, qos)
            nr = med("msgPerSecond", "node-red", conns, qos)
            cpu_cp = med("cpuSecondsPer100k", "civicpulse", conns, qos)
            cpu_mq = med("cpuSecondsPer100k", "mosquitto", conns, qos)
            cpu_nr = med("cpuSecondsPer100k", "node-red", conns, qos)
            if cp and mq:
                ratios[f"R1_qos{qos}"] = round(cp / mq, 2)  # stored msg/s / Mosquitto delivered msg/s
            if cpu_cp and cpu_mq:  # CPU per message: Mosquitto's / CivicPulse's
                ratios[f"qos{qos}_cpu_efficiency_vs_mosquitto"] = round(cpu_mq / cpu_cp, 2)
            if cpu_cp and cpu_nr:
                ratios[f"qos{qos}_cpu_efficiency_vs_node_red"] = round(cpu_nr / cpu_cp, 2)
            if cp and nr:
                ratios[f"qos{qos}_throughput_vs_node_red"] = round(cp / nr, 2)
            if cp:  # msg/s per vCPU of this machine, and per CPU second the gateway actually used
                ratios[f"qos{qos}_vs_thingsboard_per_machine_vcpu"] = round(cp / cpus / THINGSBOARD_PER_VCPU, 2)
            if cpu_cp:
                ratios[f"qos{qos}_vs_thingsboard_per_cpu_second_used"] = \
                    round(100000 / cpu_cp / THINGSBOARD_PER_VCPU, 2)
        loss = [r["loss"] for r in runs if r["system"] == "civicpulse" and r["qos"] == 1 and r["connections"] == conns]
        ratios["civicpulse_qos1_loss_max"] = max(loss) if loss else None
        summary.append(ratios)
    machine = {"cpus": cpus, "model": cpu_model(), "loadavg": open("/proc/loadavg").read().split()[:3],
               "nodeRed": node_red_note}
    result = {"machine": machine, "rows": rows, "ratios": summary}
    with open(os.path.join(out_dir, "summary.json"), "w") as f:
        json.dump(result, f, indent=2)
    table = render(rows, summary, machine)
    with open(os.path.join(out_dir, "summary.md"), "w") as f:
        f.write(table)
    print(table)


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def fmt(v, digits=0):
    return "–" if v is None else f"{v:,.{digits}f}"


def render(rows, summary, machine):
    out = [f"Machine: {machine['model']}, {machine['cpus']} CPUs, load {' '.join(machine['loadavg'])}; "
           f"Node-RED: {machine['nodeRed']}", "",
           "| system | conns | QoS | runs | msg/s stored (CivicPulse) or delivered (peers), median (range) "
           "| pub→ack p50/p99 ms | send→stored/delivered p50/p99 ms | CPU s /100k | QoS 1 loss (max) |",
           "|---|---:|---:|---:|---|---|---|---:|---:|"]
    for r in rows:
        out.append(f"| {r['system']} | {r['connections']} | {r['qos']} | {r['runs']} | "
                   f"{fmt(r['msgPerSecondMedian'])} ({fmt(r['msgPerSecondMin'])}–{fmt(r['msgPerSecondMax'])}) | "
                   f"{fmt(r['pubAckP50Ms'], 2)} / {fmt(r['pubAckP99Ms'], 2)} | "
                   f"{fmt(r['sendToStoredP50Ms'])} / {fmt(r['sendToStoredP99Ms'])} | "
                   f"{fmt(r['cpuSecondsPer100k'], 2)} | {fmt(r['lossMax'])} |")
    out += ["", "| conns | ratios (goals: R1_qos1 ≥ 2.0, R1_qos0 ≥ 1.0, cpu_efficiency_vs_mosquitto ≥ 0.75, "
            "cpu_efficiency_vs_node_red ≥ 3.0, vs_thingsboard ≥ 20, civicpulse_qos1_loss_max = 0) |", "|---:|---|"]
    for s in summary:
        out.append(f"| {s['connections']} | " + ", ".join(f"{k} {v}" for k, v in s.items() if k != "connections")
                   + " |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
