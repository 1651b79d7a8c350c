"""WebSocket test client over websocket-client: a reader thread queues
frames; the test thread pulls them with bounded waits."""

import itertools
import json
import queue
import socket
import struct
import threading
import time

import websocket


class WsEnded(AssertionError):
    """The connection ended (close frame or EOF) while a frame was expected."""


class WsClient:
    """websocket-client wrapper: a reader thread queues frames; the test
    thread pulls them with bounded waits.  Frames that do not match what is
    being waited for are kept in `pending` for later expect() calls."""

    _ids = itertools.count(1)

    def __init__(self, url, origin=None, timeout=5, sslopt=None):
        """`url` is a ws:// or wss:// URL or a Server; without `origin` no Origin
        header is sent (a non-browser client). `sslopt` goes to websocket-client
        for wss:// (e.g. {"ca_certs": path})."""
        url = getattr(url, "ws_url", url)
        opts = {"origin": origin} if origin is not None else {"suppress_origin": True}
        if sslopt is not None:
            opts["sslopt"] = sslopt
        self.url = url
        self.ws = websocket.create_connection(url, timeout=timeout, **opts)
        self.ws.settimeout(None)
        self.pending = []
        self.seen = []              # every frame received, for diagnostics
        self.ended = None           # ("close", code, reason) | ("eof", why)
        self.ready = None
        self._q = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # -- reader thread -----------------------------------------------------
    def _read(self):
        # Frame level on purpose: recv_data_frame() answers a close frame
        # itself and would replace the close code by the error of that answer
        # when the server has already shut the socket.
        abnf = websocket.ABNF
        parts, first_op = [], None
        try:
            while True:
                frame = self.ws.recv_frame()
                op = frame.opcode
                if op in (abnf.OPCODE_TEXT, abnf.OPCODE_BINARY, abnf.OPCODE_CONT):
                    if op != abnf.OPCODE_CONT:
                        parts, first_op = [], op
                    parts.append(frame.data)
                    if frame.fin:
                        self._deliver(first_op, b"".join(parts))
                elif op == abnf.OPCODE_CLOSE:
                    data = frame.data or b""
                    code = struct.unpack("!H", data[:2])[0] if len(data) >= 2 else 1005
                    self._q.put(("close", code, data[2:].decode("utf-8", "replace")))
                    self._quietly(self.ws.send_close)
                    return
                elif op == abnf.OPCODE_PING:
                    self._quietly(self.ws.pong, frame.data)
        except Exception as e:  # EOF, reset, protocol error
            self._q.put(("eof", repr(e)))

    def _deliver(self, opcode, data):
        if opcode == websocket.ABNF.OPCODE_TEXT:
            text = data.decode("utf-8", "replace")
            try:
                obj = json.loads(text)
            except ValueError:
                obj = {"type": "<non-json>", "raw": text[:500]}
        else:
            obj = {"type": "<binary>", "size": len(data)}
        self._q.put(("frame", obj))

    @staticmethod
    def _quietly(fn, *args):
        try:
            fn(*args)
        except Exception:
            pass

    # -- sending -----------------------------------------------------------
    def send(self, obj):
        self.ws.send(json.dumps(obj))

    def send_raw(self, text):
        self.ws.send(text)

    # -- receiving ---------------------------------------------------------
    def _pull(self, deadline):
        """Next frame from the socket, None on timeout; WsEnded when closed."""
        if self.ended is None:
            try:
                item = self._q.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return None
            if item[0] == "frame":
                self.seen.append(item[1])
                return item[1]
            self.ended = item
        raise WsEnded(f"connection ended: {self.ended}; recent frames: {self.seen[-8:]}")

    @staticmethod
    def _matches(frame, type_, pred):
        return (type_ is None or frame.get("type") == type_) and (pred is None or pred(frame))

    def expect(self, type_=None, pred=None, timeout=5):
        """Next queued/received frame of `type_` matching `pred`."""
        for i, f in enumerate(self.pending):
            if self._matches(f, type_, pred):
                return self.pending.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            f = self._pull(deadline)
            if f is None:
                raise AssertionError(
                    f"no {type_ or 'frame'} (matching) within {timeout}s; unconsumed: {self.pending[-10:]}")
            if self._matches(f, type_, pred):
                return f
            self.pending.append(f)

    def expect_none(self, type_=None, pred=None, timeout=0.5):
        """Assert nothing of `type_` matching `pred` is queued or arrives."""
        for f in self.pending:
            assert not self._matches(f, type_, pred), f"unexpected frame: {f}"
        deadline = time.monotonic() + timeout
        while True:
            f = self._pull(deadline)
            if f is None:
                return
            assert not self._matches(f, type_, pred), f"unexpected frame: {f}"
            self.pending.append(f)

    def answer(self, cid, timeout=5):
        return self.expect(None, lambda f: f.get("type") in ("ok", "error") and f.get("id") == cid,
                           timeout)

    def call(self, type_, timeout=5, **fields):
        """Send a command with a fresh id; return the ok/error frame answering it."""
        cid = next(WsClient._ids)
        self.send(dict(fields, type=type_, id=cid))
        return self.answer(cid, timeout)

    def ok(self, type_, **fields):
        f = self.call(type_, **fields)
        assert f.get("type") == "ok", f"{type_} {fields!r} answered {f!r}"
        return f

    def err(self, type_, code, **fields):
        f = self.call(type_, **fields)
        assert_ws_error(f, code)
        return f

    def pipeline(self, commands, timeout=30):
        """Send many (type, fields) commands at once, return answers in order."""
        ids = []
        for type_, fields in commands:
            cid = next(WsClient._ids)
            ids.append(cid)
            self.send(dict(fields, type=type_, id=cid))
        deadline = time.monotonic() + timeout
        return [self.answer(cid, max(0.1, deadline - time.monotonic())) for cid in ids]

    def auth_raw(self, token, timeout=5):
        self.send({"type": "auth", "token": token})
        return self.expect(None, lambda f: f.get("type") in ("ready", "error"), timeout)

    def auth(self, token, timeout=5):
        f = self.auth_raw(token, timeout)
        assert f.get("type") == "ready", f"auth refused: {f!r}"
        assert isinstance(f.get("user"), dict) and isinstance(f.get("rooms"), list) and isinstance(f.get("online"), list) \
            and isinstance(f.get("blocked"), list), f"bad ready frame: {f!r}"
        self.ready = f
        return f

    def closed_with(self, code, timeout=5):
        """Wait for the server to close the connection; assert the close code."""
        deadline = time.monotonic() + timeout
        try:
            while True:
                f = self._pull(deadline)
                if f is None:
                    raise AssertionError(f"connection not closed within {timeout}s "
                                         f"(expected close {code}); frames: {self.pending[-10:]}")
                self.pending.append(f)
        except WsEnded:
            pass
        assert self.ended[0] == "close", f"connection dropped without a close frame: {self.ended}"
        assert self.ended[1] == code, f"expected close code {code}, got {self.ended}"
        return self.ended

    def wait_ended(self, timeout=5):
        """Wait (bounded) until the connection ends; returns `ended` or None."""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                f = self._pull(deadline)
                if f is not None:
                    self.pending.append(f)
        except WsEnded:
            pass
        return self.ended

    def drain(self, quiet=0.3, timeout=3):
        """Discard everything received until nothing arrives for `quiet` s."""
        self.pending.clear()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._pull(min(deadline, time.monotonic() + quiet)) is None:
                return

    def assert_usable(self):
        """The connection is open and still answers commands."""
        self.ok("history", room="general", limit=1)

    def close(self):
        if self.ws.sock is None:
            return
        if self.ended is None:
            try:
                self.ws.send_close()
            except Exception:
                pass
            self._reader.join(1.0)
        try:
            self.ws.sock.shutdown(socket.SHUT_RDWR)
        except Exception:
            pass
        self.ws.shutdown()
        self._reader.join(2.0)


def assert_ws_error(frame, code):
    assert frame.get("type") == "error", f"expected error {code!r}, got {frame!r}"
    assert frame.get("code") == code, f"expected error code {code!r}, got {frame!r}"
    assert isinstance(frame.get("message"), str) and frame["message"].strip(), \
        f"error frame without message: {frame!r}"
