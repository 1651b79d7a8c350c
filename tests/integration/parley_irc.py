"""A raw IRC client for the integration tests: lines in, lines out, every wait bounded."""

import base64
import re
import socket
import time

IRC_RE = re.compile(r"event=listening proto=irc address=(\S+):(\d+)")
IRCS_RE = re.compile(r"event=listening proto=ircs address=(\S+):(\d+)")


def irc_address(server, timeout=5, pattern=IRC_RE):
    """(host, port) of the server's IRC listener (IRCS_RE: over TLS), read from its log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = list(server.lines)
        starts = [i for i, line in enumerate(lines) if line.startswith("--- start")]
        for line in lines[starts[-1] if starts else 0:]:  # this run's, after a restart
            m = pattern.search(line)
            if m:
                return m.group(1), int(m.group(2))
        time.sleep(0.05)
    raise AssertionError("parleyd did not log its IRC address")


def parse(line):
    """(tags, source, command, params) of one IRC line."""
    tags = {}
    if line.startswith("@"):
        raw, line = line[1:].split(" ", 1)
        for item in raw.split(";"):
            k, _, v = item.partition("=")
            tags[k] = v
    source = ""
    if line.startswith(":"):
        source, line = line[1:].split(" ", 1)
    if " :" in line:
        head, trailing = line.split(" :", 1)
        params = head.split() + [trailing]
    else:
        params = line.split()
    return tags, source, params[0], params[1:]


class IrcClient:
    def __init__(self, server, timeout=5, ssl_context=None):
        """With an ssl.SSLContext: over TLS, to the server's TLS listener."""
        if ssl_context is None:
            host, port = irc_address(server)
            self.sock = socket.create_connection((host, port), timeout=timeout)
        else:
            host, port = irc_address(server, pattern=IRCS_RE)
            raw = socket.create_connection((host, port), timeout=timeout)
            self.sock = ssl_context.wrap_socket(raw, server_hostname=host)
        self.timeout = timeout
        self.buffer = b""
        self.seen = []      # every line received, for failure messages
        self.pending = []   # received but not yet taken by expect()

    def send(self, line):
        self.sock.sendall(line.encode() + b"\r\n")

    def _read_line(self, deadline):
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not data:
                return None
            self.buffer += data
        raw, self.buffer = self.buffer.split(b"\n", 1)
        line = raw.rstrip(b"\r").decode("utf-8", "replace")
        self.seen.append(line)
        return line

    def expect(self, command, pred=None, timeout=None):
        """The next line with this command (or numeric; None: any) matching pred; earlier
        others stay queued."""
        deadline = time.monotonic() + (timeout or self.timeout)
        for i, line in enumerate(self.pending):
            msg = parse(line)
            if command in (None, msg[2]) and (pred is None or pred(msg)):
                del self.pending[i]
                return msg
        while True:
            line = self._read_line(deadline)
            if line is None:
                raise AssertionError(f"no {command} within the timeout; seen:\n" +
                                     "\n".join(self.seen[-40:]))
            msg = parse(line)
            if command in (None, msg[2]) and (pred is None or pred(msg)):
                return msg
            self.pending.append(line)

    def expect_none(self, command, timeout=0.5):
        deadline = time.monotonic() + timeout
        while True:
            line = self._read_line(deadline)
            if line is None:
                return
            assert parse(line)[2] != command, f"unexpected {line}"
            self.pending.append(line)

    def closed(self, timeout=None):
        """True once the server closed the connection (reading what is left)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return True
            if not data:
                return True
            self.buffer += data
        return False

    def register_pass(self, username, password, nick=None):
        self.send(f"PASS {username}:{password}")
        self.send(f"NICK {nick or username}")
        self.send("USER u 0 * :Real Name")
        return self.expect("001")

    def register_sasl(self, username, password, caps=("sasl",)):
        self.send("CAP LS 302")
        self.send(f"NICK {username}")
        self.send("USER u 0 * :Real Name")
        self.expect("CAP", lambda m: m[3][1] == "LS")
        self.send("CAP REQ :" + " ".join(caps))
        self.expect("CAP", lambda m: m[3][1] == "ACK")
        self.send("AUTHENTICATE PLAIN")
        self.expect("AUTHENTICATE")
        blob = base64.b64encode(f"\0{username}\0{password}".encode()).decode()
        self.send(f"AUTHENTICATE {blob}")
        self.expect("903")
        self.send("CAP END")
        return self.expect("001")

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def signed_in(make, acct):
    """A client from `make()` signed in with PASS, its account's rooms joined
    (general's NAMES is the last thing of the sign-in)."""
    irc = make()
    irc.register_pass(acct.username, acct.password)
    irc.expect("366")
    return irc
