#!/usr/bin/env python3
"""RESULT lines of ws_bench (stdin) -> Markdown tables, one per kind of run."""
import sys

runs = []
for line in sys.stdin:
    if line.startswith("RESULT "):
        runs.append(dict(word.split("=", 1) for word in line.split()[1:] if "=" in word))

SERVER = [("round", "round"), ("target", "server"), ("protocol", "protocol")]
LATENCY = [("p50_ms", "p50 ms"), ("p99_ms", "p99 ms"), ("max_ms", "max ms")]
CHECKS = [("lost", "lost"), ("reordered", "reordered"), ("duplicates", "dup")]
SERVER_COST = [
    ("server_cpu_s", "server CPU s"), ("deliveries_per_cpu_s", "deliveries per CPU-s"),
    ("server_rss_mb", "peak RSS MB"), ("bench_lag_p99_ms", "bench lag p99 ms"),
    ("status", "status"),
]
fanout = SERVER + [
    ("clients", "clients"), ("shards", "shards"), ("msgs_per_s", "msgs/s"),
    ("deliveries_per_s", "deliveries/s")] + LATENCY + CHECKS + SERVER_COST
fixed_rate = SERVER + [
    ("clients", "clients"), ("rate", "rate msgs/s"), ("msgs_per_s", "msgs/s"),
    ("deliveries_per_s", "deliveries/s")] + LATENCY + CHECKS + [
    ("late", "late"), ("skipped", "skipped")] + SERVER_COST
scale = [
    ("round", "round"), ("clients", "clients"), ("shards", "shards"), ("target", "server"),
    ("protocol", "protocol"), ("deliveries_per_s", "deliveries/s"),
    ("deliveries_per_cpu_s", "deliveries per CPU-s"), ("server_rss_mb", "peak RSS MB"),
    ("p99_ms", "p99 ms"), ("status", "status"),
]
idle = SERVER + [
    ("connections", "connections"), ("kb_per_conn", "KB per connection"),
    ("rss_before_mb", "RSS before MB"), ("rss_after_mb", "RSS after MB"),
    ("connect_per_s", "connect+sign-in /s"), ("connect_p50_ms", "each p50 ms"),
    ("connect_p99_ms", "each p99 ms"), ("status", "status"),
]
history = [
    ("round", "round"), ("messages", "messages"), ("senders", "senders"),
    ("fill_msgs_per_s", "fill msgs/s (persisted)"), ("fill_ack_p99_ms", "fill ack p99 ms"),
    ("fill_complete", "fill complete"), ("pages_per_s", "pages/s"),
    ("read_msgs_per_s", "msgs/s read"), ("page_p50_ms", "page p50 ms"),
    ("page_p99_ms", "page p99 ms"), ("page_max_ms", "page max ms"), ("missing", "missing"),
    ("duplicates", "dup"), ("reordered", "reordered"), ("status", "status"),
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


def number(run, key):
    try:
        return float(run.get(key, 0))
    except ValueError:
        return 0.0


closed_loop = [r for r in runs if r.get("scenario") == "fanout" and number(r, "rate") == 0]
for clients in sorted({int(number(r, "clients")) for r in closed_loop}):
    rows = [r for r in closed_loop if int(number(r, "clients")) == clients
            and r.get("shards", "1") == "1"]
    table(f"fanout, closed loop, {clients} clients, 1 shard", fanout, rows)
table("fanout at a fixed rate (latency from the scheduled send time)", fixed_rate,
      [r for r in runs if r.get("scenario") == "fanout" and number(r, "rate") > 0])
table("rooms (every client sends at a fixed rate; latency from the scheduled send time)",
      fixed_rate + [("room_size", "room size")],
      [r for r in runs if r.get("scenario") == "rooms"])
table("scale: fanout closed loop by clients and shards", scale,
      sorted(closed_loop, key=lambda r: (number(r, "clients"), number(r, "shards"),
                                         r.get("target", ""), r.get("round", ""))))
table("idle", idle, [r for r in runs if r.get("scenario") == "idle"])
table("history (WebSocket, parley)", history, [r for r in runs if r.get("scenario") == "history"])
table("reconnect (parleyd)", reconnect, [r for r in runs if r.get("scenario") == "reconnect"])
