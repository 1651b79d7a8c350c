"""A real IRC client against the gateway: Debian's irssi, driven in tmux.

irssi runs in a detached tmux pane of a fixed size with a fresh --home (a
temporary directory holding a minimal config: one server, SASL PLAIN with
the Parley account).  The test types into the pane with send-keys and reads
what a person would see with capture-pane; a web user on WebSocket is the
other side of the conversation.  Sign-in is SASL PLAIN (PASS username:password
is covered by the raw client in test_irc.py).
"""

import os
import re
import shutil
import subprocess
import tempfile
import time

import pytest

from conftest import Ctx
from parley_irc import irc_address
from parley_server import _die_with_parent  # tmux (and so irssi) dies with the test runner

IRSSI = shutil.which("irssi")
TMUX = shutil.which("tmux")

pytestmark = pytest.mark.skipif(
    not (IRSSI and TMUX),
    reason="needs irssi and tmux on PATH (scripts/install-deps.sh installs both)")

WIDTH, HEIGHT = 200, 50
WAIT = 10            # seconds for anything to show up in the pane
TMUX_CALL = 5        # seconds for one tmux command




class Tmux:
    """A private tmux server (its own socket, no config) running in the
    foreground as our child, with one session of a fixed size."""

    def __init__(self, workdir, session="irssi"):
        self.socket = os.path.join(workdir, "tmux.sock")
        self.session = session
        self.proc = None
        self.last = ""      # the last pane captured, for failure messages

    def _argv(self, *args):
        return [TMUX, "-S", self.socket, "-f", "/dev/null", *args]

    def cmd(self, *args):
        r = subprocess.run(self._argv(*args), capture_output=True, text=True,
                           timeout=TMUX_CALL, stdin=subprocess.DEVNULL)
        assert r.returncode == 0, f"tmux {' '.join(args)} failed: {r.stderr.strip()}"
        return r.stdout

    def start(self, command, env):
        # -D: the server stays our child (killed with us through PDEATHSIG).
        self.proc = subprocess.Popen(self._argv("-D"), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env=env, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + TMUX_CALL
        while not os.path.exists(self.socket):
            assert self.proc.poll() is None, f"tmux server exited with {self.proc.returncode}"
            assert time.monotonic() < deadline, "tmux server did not create its socket"
            time.sleep(0.02)
        self.cmd("new-session", "-d", "-s", self.session, "-x", str(WIDTH), "-y", str(HEIGHT),
                 command, ";", "set-option", "-t", self.session, "remain-on-exit", "on")

    def type(self, text):
        """Type a line as a person would: the text, then Enter."""
        self.cmd("send-keys", "-t", self.session, "-l", text)
        self.cmd("send-keys", "-t", self.session, "Enter")

    def capture(self):
        self.last = self.cmd("capture-pane", "-p", "-J", "-t", self.session)
        return self.last

    def wait_for(self, pattern, timeout=WAIT, what=None):
        """Poll the pane until `pattern` (regex) matches; returns the match."""
        rx = re.compile(pattern, re.M)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.capture())
            if m:
                return m
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"irssi did not show {what or pattern!r} within {timeout}s; the pane:\n{self.last}")
            time.sleep(0.1)

    def stop(self):
        """Kill the session and the server; never raises."""
        if self.proc is None:
            return
        try:
            subprocess.run(self._argv("kill-server"), capture_output=True, timeout=TMUX_CALL)
        except Exception:
            pass
        try:
            self.proc.wait(TMUX_CALL)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(TMUX_CALL)


def irssi_config(host, port, username, password):
    """A minimal irssi config: one server, autoconnect, SASL PLAIN."""
    def q(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"""
servers = (
  {{
    address = {q(host)};
    port = {q(str(port))};
    chatnet = "Parley";
    use_tls = "no";
    autoconnect = "yes";
  }}
);
chatnets = {{
  Parley = {{
    type = "IRC";
    nick = {q(username)};
    username = {q(username)};
    realname = "irssi under test";
    sasl_mechanism = "PLAIN";
    sasl_username = {q(username)};
    sasl_password = {q(password)};
    # irssi 1.4 queues its channel sync (MODE, WHO, MODE b) behind its own
    # flood control, one command per cmd_queue_speed (2.2 s by default):
    # 100 ms keeps the sync short.  The server runs with --limits off.
    cmdspeed = "100";
  }};
}};
settings = {{
  core = {{
    real_name = "irssi under test";
    user_name = {q(username)};
    nick = {q(username)};
    settings_autosave = "no";
  }};
}};
"""


@pytest.fixture
def irc_ctx(server_factory):
    """A Ctx on a server with its IRC listener on a free loopback port."""
    ctx = Ctx(server_factory(extra_args=("--irc", "127.0.0.1:0")))
    yield ctx
    ctx.close_all()


@pytest.fixture
def workdir():
    """Short path (tmux socket names are limited), removed afterwards."""
    d = tempfile.mkdtemp(prefix="parley-irssi-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


def said(nick, text):
    """How irssi shows a channel message: `<` mode-or-space nick `>` text."""
    return rf"<[ @+]{re.escape(nick)}> {re.escape(text)}\s*$"


def line_index(pane, pattern):
    rx = re.compile(pattern)
    return next((i for i, line in enumerate(pane.splitlines()) if rx.search(line)), None)


def goto_window(tmux, name, timeout=WAIT):
    """Make the window of `name` the visible one.  The gateway joins the
    account's rooms on its own, so the window may not exist yet: retry."""
    deadline = time.monotonic() + timeout
    while True:
        tmux.type(f"/window goto {name}")
        try:
            return tmux.wait_for(rf"\[\d+:Parley/{re.escape(name)}\]", timeout=1,
                                 what=f"the {name} window")
        except AssertionError:
            if time.monotonic() > deadline:
                raise


def print_rawlog(tmux, workdir):
    """On failure: ask irssi for its raw IRC traffic and print it (bounded, never raises)."""
    path = os.path.join(workdir, "rawlog.txt")
    try:
        tmux.type(f"/rawlog save {path}")
        deadline = time.monotonic() + 2
        while not os.path.exists(path) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.1)
        with open(path, errors="replace") as f:
            print(f"---- irssi's raw log ----\n{f.read()}")
    except Exception as e:
        print(f"---- no raw log from irssi: {e!r}")


def test_irssi_sasl_sign_in_history_join_send_receive(irc_ctx, workdir):
    ctx = irc_ctx
    web, ws = ctx.online("web")
    acct = ctx.user("irs")
    earlier = "said before irssi came"
    ws.ok("send", room="general", text=earlier)

    home = os.path.join(workdir, "home")
    os.mkdir(home, 0o700)
    host, port = irc_address(ctx.server)
    with open(os.path.join(home, "config"), "w") as f:
        f.write(irssi_config(host, port, acct.username, acct.password))
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm"}
    tmux = Tmux(workdir)
    try:
        tmux.start(f"{IRSSI} --home={home}", env)

        # Sign-in with SASL PLAIN, as the status window shows it.
        tmux.wait_for(r"Capabilities acknowledged: .*\bsasl\b", what="CAP ACK of sasl")
        tmux.wait_for(r"SASL authentication succeeded", what="SASL success")
        tmux.wait_for(rf"Welcome to the Parley network, {re.escape(acct.username)}\b",
                      what="the welcome")
        ws.expect("presence", lambda f: f["user"]["id"] == acct.id and f["online"] is True,
                  timeout=WAIT)

        # The gateway joined #general for the account, with recent history.
        goto_window(tmux, "#general")
        joined = rf"{re.escape(acct.username)} \[[^]]*\] has joined #general"
        tmux.wait_for(joined, what="the join to #general")
        tmux.wait_for(rf"\[[ @+]{re.escape(web.username)}\]", what="the web user among the names")
        pane = tmux.wait_for(said(web.username, earlier), what="the history line").string
        assert line_index(pane, joined) < line_index(pane, said(web.username, earlier)), \
            f"history shown before the join:\n{pane}"
        # irssi asked MODE, WHO and MODE b and understood every answer.
        pane = tmux.wait_for(r"Join to #general was synced", what="the channel sync").string
        print(f"---- #general after the join ----\n{pane}")

        # irssi -> web.
        tmux.type("hello from irssi")
        got = ws.expect("message", lambda f: f["message"]["text"] == "hello from irssi",
                        timeout=WAIT)["message"]
        assert (got["from"], got["room"]) == (acct.id, "general"), got

        # web -> irssi.
        ws.ok("send", room="general", text="hello from the web")
        pane = tmux.wait_for(said(web.username, "hello from the web"),
                             what="the web user's message").string
        print(f"---- #general after both messages ----\n{pane}")

        tmux.type("/window 1")
        status = tmux.wait_for(r"^\[\(status\)\]", what="the status window").string
        print(f"---- status window ----\n{status}")

        # /quit: irssi says goodbye, the web user sees the IRC user go.
        tmux.type("/quit bye from irssi")
        ws.expect("presence", lambda f: f["user"]["id"] == acct.id and f["online"] is False,
                  timeout=WAIT)
        deadline = time.monotonic() + WAIT
        while tmux.cmd("display-message", "-p", "-t", tmux.session, "#{pane_dead}").strip() != "1":
            assert time.monotonic() < deadline, f"irssi did not exit after /quit:\n{tmux.capture()}"
            time.sleep(0.1)
    except BaseException:
        if tmux.proc is not None:
            print(f"---- the pane ----\n{tmux.last}")
            print_rawlog(tmux, workdir)
        raise
    finally:
        tmux.stop()
