#!/usr/bin/env python3
"""Turns one bench/run.sh results folder into the Markdown table docs/BENCHMARKS.md quotes:
momentum and Nchan side by side per scenario, with the ratios (momentum / Nchan)."""
import json, pathlib, sys

folder = pathlib.Path(sys.argv[1])
runs = {p.stem: json.loads(p.read_text()) for p in folder.glob("*.json")}
scenarios = sorted({name.split("-", 1)[1] for name in runs if "-" in name},
                   key=lambda s: (not s.startswith("floor"), not s.startswith("ladder"), int(s.split("-")[-1]) if s.split("-")[-1].isdigit() else 0, s))

def cell(run, key, fmt="{:.2f}"):
    value = run
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return "n/a" if value is None else fmt.format(value)

def ratio(a, b, key):
    def get(run):
        value = run
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value
    x, y = get(a), get(b)
    return "n/a" if not x or not y else f"{x / y:.2f}x"

print("| scenario | server | deliveries/s | p50 ms | p99 ms | max ms | CPU per delivery µs | server CPU | RSS MiB | KB per parked poll | lost | dup | errors | valid |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for scenario in scenarios:
    # momentum on PostgreSQL is compared with Nchan's run of the same workload.
    pair = [("momentum", runs.get(f"momentum-{scenario}")), ("nchan", runs.get(f"nchan-{scenario.removeprefix('postgres-')}"))]
    for name, run in pair:
        if not run:
            continue
        rss = run.get("serverRSSBytes")
        per_poll = "n/a" if run.get("rssPerParkedPollBytes") is None else f"{run['rssPerParkedPollBytes'] / 1024:.1f}"
        print(f"| {scenario} | {name} | {cell(run, 'deliveriesPerSecond', '{:.0f}')} | {cell(run, 'latencyMs.p50')} | {cell(run, 'latencyMs.p99')} | "
              f"{cell(run, 'latencyMs.max')} | {cell(run, 'serverMicrosecondsPerDelivery', '{:.1f}')} | {cell(run, 'serverCPU', '{:.0%}')} | "
              f"{'n/a' if rss is None else f'{rss / 1048576:.1f}'} | {per_poll} | {run['lost']} | {run['duplicates']} | {sum(run['errors'].values())} | {'yes' if run['valid'] else 'NO'} |")
    m, n = pair[0][1], pair[1][1]
    if m and n:
        print(f"| {scenario} | ratio | | {ratio(m, n, 'latencyMs.p50')} | {ratio(m, n, 'latencyMs.p99')} | | {ratio(m, n, 'serverMicrosecondsPerDelivery')} | | {ratio(m, n, 'serverRSSBytes')} | {ratio(m, n, 'rssPerParkedPollBytes')} | | | | |")
postgres = folder / "postgres-cpu.txt"
if postgres.exists():
    print()
    print(postgres.read_text().strip())
growth = folder / "commit-growth.txt"
if growth.exists():
    print()
    print("Commit cost: " + growth.read_text().strip())
