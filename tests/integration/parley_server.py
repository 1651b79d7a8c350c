"""The parleyd process under test: start, stop, crash, restart, run the CLI."""

import ctypes
import os
import re
import signal
import subprocess
import threading
import time

import pytest

PARLEYD = os.environ.get("PARLEYD", "/work/main/build/parleyd")
ADMIN_NAME = "root"        # every test server runs with --admin root
START_TIMEOUT = 15         # seconds to see the "listening" log line
STOP_TIMEOUT = 10          # seconds for a clean SIGTERM shutdown

# proto=https when the server runs with a TLS certificate.
LISTEN_RE = re.compile(
    r"event=listening\b.*?\bproto=(https?)(?=\s|$).*?\baddress=\"?([0-9.]+):(\d+)")

# --------------------------------------------------------------------------
# Server process
# --------------------------------------------------------------------------

def _die_with_parent():
    """preexec_fn: the server gets SIGKILL if the test runner dies."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def require_binary():
    if not (os.path.isfile(PARLEYD) and os.access(PARLEYD, os.X_OK)):
        pytest.fail(f"parleyd binary not found or not executable: {PARLEYD} "
                    "(set PARLEYD=/path/to/parleyd)", pytrace=False)
    return PARLEYD


class Server:
    """One parleyd process on a data directory; can be restarted on it."""

    def __init__(self, data_dir, limits="off", admins=(ADMIN_NAME,),
                 extra_args=(), cwd=None):
        self.data_dir = str(data_dir)
        self.limits = limits
        self.admins = tuple(admins)
        self.extra_args = list(extra_args)
        self.cwd = cwd or os.path.dirname(self.data_dir.rstrip("/"))
        self.proc = None
        self.host = None
        self.port = None
        self.scheme = "http"       # "https" once the server logs a TLS listener
        self.lines = []            # every stderr/stdout line, all runs
        self._lock = threading.Lock()
        self._listening = None
        self._threads = []

    # -- command line ------------------------------------------------------
    def argv(self):
        argv = [require_binary(), "--data", self.data_dir,
                "--http", "127.0.0.1:0", "--irc", "off", "--limits", self.limits]
        for name in self.admins:
            argv += ["--admin", name]
        return argv + self.extra_args

    # -- lifecycle ---------------------------------------------------------
    def start(self, argv=None):
        assert not self.running, "server already running"
        argv = argv or self.argv()
        os.makedirs(self.cwd, exist_ok=True)
        self._log(f"--- start: {' '.join(argv)}")
        self._listening = threading.Event()
        self.host = self.port = None
        self.proc = subprocess.Popen(
            argv, cwd=self.cwd, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            preexec_fn=_die_with_parent)
        self._threads = [
            threading.Thread(target=self._reader, args=(self.proc.stderr, "err", True), daemon=True),
            threading.Thread(target=self._reader, args=(self.proc.stdout, "out", False), daemon=True),
        ]
        for t in self._threads:
            t.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._listening.wait(0.05):
            if self.proc.poll() is not None:
                self._join_readers()
                raise AssertionError(
                    f"parleyd exited with {self.proc.returncode} before listening:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                self.kill9()
                raise AssertionError(
                    f"parleyd did not log 'event=listening proto=http' within {START_TIMEOUT}s:\n"
                    f"{self.log_tail()}")
        return self

    def _reader(self, stream, tag, parse):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self._log(f"[{tag}] {line}")
            if parse and not self._listening.is_set():
                m = LISTEN_RE.search(line)
                if m:
                    self.scheme, self.host, self.port = m.group(1), m.group(2), int(m.group(3))
                    self._listening.set()
        stream.close()

    def _join_readers(self):
        for t in self._threads:
            t.join(2)

    def _log(self, line):
        with self._lock:
            self.lines.append(line)

    @property
    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout=STOP_TIMEOUT):
        """SIGTERM; asserts a clean exit 0 within `timeout` seconds."""
        assert self.running, "server is not running"
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
            self._join_readers()
            raise AssertionError(f"parleyd did not exit within {timeout}s of SIGTERM:\n{self.log_tail()}")
        self._join_readers()
        assert rc == 0, f"parleyd exited with {rc} after SIGTERM:\n{self.log_tail()}"
        self._log("--- stopped (SIGTERM)")

    def kill9(self):
        if self.running:
            self.proc.kill()
        if self.proc is not None:
            self.proc.wait(5)
            self._join_readers()
        self._log("--- killed (SIGKILL)")

    def restart(self):
        if self.running:
            self.stop()
        return self.start()

    def ensure_dead(self):
        """Teardown: never leave a process behind, whatever happened."""
        if not self.running:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        self._join_readers()

    # -- addresses ---------------------------------------------------------
    @property
    def base_url(self):
        return f"{self.scheme}://{self.host}:{self.port}"

    @property
    def origin(self):
        return f"{self.scheme}://127.0.0.1:{self.port}"

    @property
    def ws_url(self):
        ws_scheme = "wss" if self.scheme == "https" else "ws"
        return f"{ws_scheme}://{self.host}:{self.port}/api/v1/ws"

    def logged(self, needle, timeout=5):
        """Whether a log line containing `needle` appears within `timeout` s: the
        server logs some things just after it starts listening."""
        deadline = time.monotonic() + timeout
        while True:
            if any(needle in line for line in list(self.lines)):
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)

    def log_tail(self, n=150):
        with self._lock:
            return "\n".join(self.lines[-n:])


def run_cli(args, input=None, timeout=20, cwd=None):
    """Run `parleyd ARGS...` to completion (bounded) and return CompletedProcess."""
    return subprocess.run([require_binary()] + list(args), input=input,
                          capture_output=True, text=True, timeout=timeout,
                          cwd=cwd, preexec_fn=_die_with_parent)
