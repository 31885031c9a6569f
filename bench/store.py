#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""What CivicPulse's embedded store holds for one bench run, read from the store itself.

    store.py QDB_HTTP_PORT TABLE SINCE_MS [--expect N] [--settle SECONDS] [--timeout SECONDS]

Prints one JSON object:
  stored            rows of TABLE whose event time (the payload's send timestamp "ts") is >= SINCE_MS, counted with
                    count() over QuestDB's SQL endpoint (/exec on the store's HTTP port; the same engine and data as
                    its PostgreSQL wire port, reachable from the Python standard library). QuestDB applies committed
                    writes asynchronously, and readings acked from the spool reach the store later, so the count is
                    polled until it reaches --expect (the acked count, QoS 1) or stops rising for --settle seconds.
  firstSendMs       earliest event time stored in the run.
  lastStoredMs      commit time of the run's last write-ahead-log transaction (when it became durable).
  sendToStoredP50Ms / sendToStoredP99Ms
                    send -> durably stored: for every WAL transaction of the run, commit time minus the event time
                    of its rows. QuestDB records per transaction its commit time, row count and event-time range
                    (minTimestamp..maxTimestamp; needs cairo.default.sequencer.part.txn.count, which bench/run sets),
                    not each row's, so rows are spread evenly over that range: each row's latency lies between
                    commit - maxTimestamp and commit - minTimestamp, and the percentiles are of that even spread.
                    null when the store does not record the ranges (TXN_STATS=0).
"""
import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

SLICES = 20


def sql(port, query):
    url = f"http://127.0.0.1:{port}/exec?query=" + urllib.parse.quote(query)
    with urllib.request.urlopen(url, timeout=30) as response:
        body = json.load(response)
    if "error" in body:
        raise RuntimeError(f"QuestDB: {body['error']} in {query}")
    return body.get("dataset", [])


def since_clause(since_ms):
    return f"timestamp >= cast({int(since_ms) * 1000} as timestamp)"


def count(port, table, since_ms):
    try:
        rows = sql(port, f"select count(), cast(min(timestamp) as long) from {table} where {since_clause(since_ms)}")
    except urllib.error.HTTPError as e:
        if e.code == 400:  # the table does not exist yet: nothing stored
            return 0, None
        raise
    return rows[0][0], (rows[0][1] // 1000 if rows[0][1] is not None else None)


def settle(port, table, since_ms, expect, settle_seconds, timeout):
    deadline = time.monotonic() + timeout
    last, stable_since = -1, time.monotonic()
    while True:
        stored, first = count(port, table, since_ms)
        now = time.monotonic()
        if stored != last:
            last, stable_since = stored, now
        if (expect is not None and stored >= expect) or now - stable_since >= settle_seconds or now > deadline:
            return stored, first
        time.sleep(0.2)


def weighted_percentiles(samples, quantiles):
    """samples: (value, weight) pairs; returns the value at each quantile of the total weight."""
    if not samples:
        return [None for _ in quantiles]
    samples.sort()
    total = sum(w for _, w in samples)
    out = []
    for q in quantiles:
        target, acc = total * q, 0.0
        for value, weight in samples:
            acc += weight
            if acc >= target:
                out.append(value)
                break
        else:
            out.append(samples[-1][0])
    return out


def latency(port, table, since_ms):
    try:
        txns = sql(port, "select cast(timestamp as long), cast(minTimestamp as long), cast(maxTimestamp as long), "
                         f"rowCount from wal_transactions('{table}') where timestamp >= "
                         f"cast({int(since_ms) * 1000} as timestamp)")
    except urllib.error.HTTPError:
        return None, None, None
    samples, last_commit = [], None
    for commit, low, high, rows in txns:
        if low is None or rows is None or rows <= 0 or low < since_ms * 1000:
            continue  # a structure change, or the ranges are not recorded, or an earlier run's rows
        last_commit = max(last_commit or 0, commit)
        k = min(rows, SLICES)
        for i in range(k):
            event = low + (high - low) * (i + 0.5) / k
            samples.append(((commit - event) / 1000.0, rows / k))
    p50, p99 = weighted_percentiles(samples, (0.50, 0.99))
    return p50, p99, (last_commit // 1000 if last_commit else None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("table")
    parser.add_argument("since_ms", type=int)
    parser.add_argument("--expect", type=int)
    parser.add_argument("--settle", type=float, default=3.0)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    stored, first = settle(args.port, args.table, args.since_ms, args.expect, args.settle, args.timeout)
    p50, p99, last = latency(args.port, args.table, args.since_ms)
    print(json.dumps({"stored": stored, "firstSendMs": first, "lastStoredMs": last,
                      "sendToStoredP50Ms": None if p50 is None else round(p50, 1),
                      "sendToStoredP99Ms": None if p99 is None else round(p99, 1)}))


if __name__ == "__main__":
    sys.exit(main())
