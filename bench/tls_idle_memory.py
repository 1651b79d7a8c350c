#!/usr/bin/env python3
"""Memory per idle connection and handshake rate of parleyd's TLS listeners.

Starts parleyd with a fresh self-signed pair (127.0.0.1, port 0 everywhere), then for
each listener kind opens N connections that stay idle and reads the server's VmRSS
before and after. A benchmark, not a test: it prints figures and asserts nothing.

    python3 bench/tls_idle_memory.py [--parleyd build/parleyd] [--connections 1000]
"""

import argparse
import os
import re
import socket
import ssl
import subprocess
import tempfile
import time

LISTEN_RE = re.compile(r"event=listening proto=(\w+) address=([0-9.]+):(\d+)")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def start(parleyd, folder):
    data = tempfile.mkdtemp(dir=folder)
    argv = [parleyd, "--data", data, "--limits", "off", "--shards", "1",
            "--http", "127.0.0.1:0", "--irc", "127.0.0.1:0", "--irc-tls", "127.0.0.1:0",
            "--tls-cert", os.path.join(folder, "cert.pem"),
            "--tls-key", os.path.join(folder, "key.pem")]
    proc = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True)
    ports = {}
    deadline = time.monotonic() + 15
    while len(ports) < 3 and time.monotonic() < deadline:
        m = LISTEN_RE.search(proc.stderr.readline())
        if m:
            ports[m.group(1)] = int(m.group(3))
    if len(ports) < 3:
        proc.kill()
        raise RuntimeError(f"parleyd did not log its listeners: {ports}")
    return proc, ports


def settle(pid):
    time.sleep(1.0)
    return rss_kib(pid)


def measure(pid, count, connect):
    before = settle(pid)
    started = time.monotonic()
    conns = [connect() for _ in range(count)]
    elapsed = time.monotonic() - started
    after = settle(pid)
    for c in conns:
        c.close()
    return (after - before) * 1024 / count, count / elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--parleyd", default="build/parleyd")
    parser.add_argument("--connections", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([args.parleyd, "cert", "self-signed", "--host", "127.0.0.1", "--out",
                        folder], check=True, capture_output=True)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.load_verify_locations(os.path.join(folder, "cert.pem"))

        def plain(port):
            return lambda: socket.create_connection(("127.0.0.1", port), timeout=10)

        def tls(port, version=None):
            def connect():
                ctx = context
                if version:
                    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                    ctx.load_verify_locations(os.path.join(folder, "cert.pem"))
                    ctx.maximum_version = version
                raw = socket.create_connection(("127.0.0.1", port), timeout=10)
                return ctx.wrap_socket(raw, server_hostname="127.0.0.1")
            return connect

        rows = [("irc, plain TCP", "irc", None, None),
                ("irc, TLS 1.3", "ircs", True, None),
                ("irc, TLS 1.2", "ircs", True, ssl.TLSVersion.TLSv1_2),
                ("https, TLS 1.3 (idle HTTP)", "https", True, None)]
        print(f"{args.connections} idle connections per row, one shard, a fresh server per row")
        for name, listener, secure, version in rows:
            proc, ports = start(os.path.abspath(args.parleyd), folder)
            connect = tls(ports[listener], version) if secure else plain(ports[listener])
            try:
                per_conn, rate = measure(proc.pid, args.connections, connect)
            finally:
                proc.terminate()
                proc.wait(10)
            print(f"{name:28} {per_conn / 1024:8.1f} KiB per connection, "
                  f"{rate:7.0f} connections/s (one client thread)")


if __name__ == "__main__":
    main()
