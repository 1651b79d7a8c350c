#!/usr/bin/env python3
"""RESULT lines of ws_bench (stdin) -> Markdown tables, one per scenario."""
import sys

runs = []
for line in sys.stdin:
    if line.startswith("RESULT "):
        runs.append(dict(word.split("=", 1) for word in line.split()[1:] if "=" in word))

fanout = [
    ("round", "round"), ("target", "server"), ("clients", "clients"),
    ("msgs_per_s", "msgs/s"), ("deliveries_per_s", "deliveries/s"),
    ("p50_ms", "p50 ms"), ("p99_ms", "p99 ms"), ("max_ms", "max ms"),
    ("lost", "lost"), ("reordered", "reordered"), ("server_cpu_s", "server CPU s"),
    ("deliveries_per_cpu_s", "deliveries per CPU-s"), ("server_rss_mb", "peak RSS MB"),
    ("bench_lag_p99_ms", "bench lag p99 ms"), ("status", "status"),
]
idle = [
    ("round", "round"), ("target", "server"), ("connections", "connections"),
    ("kb_per_conn", "KB per connection"), ("rss_before_mb", "RSS before MB"),
    ("rss_after_mb", "RSS after MB"), ("connect_per_s", "connect+register /s"),
    ("connect_p50_ms", "each p50 ms"), ("connect_p99_ms", "each p99 ms"), ("status", "status"),
]

reconnect = [
    ("round", "round"), ("protocol", "protocol"), ("clients", "clients"), ("drop", "drop"),
    ("secret", "IRC secret"), ("back", "back"), ("failures", "failures"),
    ("all_back_s", "all back s"), ("reconnect_s", "reconnecting s"),
    ("connect_p50_ms", "each p50 ms"), ("connect_p99_ms", "each p99 ms"),
    ("server_cpu_s", "server CPU s"), ("status", "status"),
]


def table(title, columns, rows):
    if not rows:
        return
    print(f"\n### {title}\n")
    print("| " + " | ".join(label for _, label in columns) + " |")
    print("|" + "---|" * len(columns))
    for run in rows:
        print("| " + " | ".join(run.get(key, "") for key, _ in columns) + " |")


for clients in sorted({int(r.get("clients", 0)) for r in runs if r.get("scenario") == "fanout"}):
    rows = [r for r in runs if r.get("scenario") == "fanout" and int(r["clients"]) == clients]
    table(f"fanout over IRC, {clients} clients", fanout, rows)
table("idle over IRC", idle, [r for r in runs if r.get("scenario") == "idle"])
table("reconnect (parleyd)", reconnect, [r for r in runs if r.get("scenario") == "reconnect"])
