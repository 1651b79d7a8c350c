"""Shared helpers and fixtures for the parleyd black-box integration tests.

Everything talks to a real `parleyd` process on 127.0.0.1 through HTTP and
WebSocket only.  Tests import helpers with `from conftest import ...`; the
process and WebSocket helpers live in parley_server.py and parley_ws.py and
are re-exported here.
"""

import faulthandler
import itertools
import secrets
import sys
import time
from dataclasses import dataclass

import pytest
import requests

from parley_server import ADMIN_NAME, PARLEYD, Server, require_binary, run_cli  # noqa: F401
from parley_ws import WsClient, WsEnded, assert_ws_error  # noqa: F401

DEFAULT_PASSWORD = "password123"
HTTP_TIMEOUT = 10          # seconds, every HTTP call
TEST_WATCHDOG = 180        # hard cap for one test (dumps stacks and exits)

USER_FIELDS = {"id", "username", "display_name", "first_name", "last_name",
               "avatar_url", "role", "online"}
MESSAGE_FIELDS = {"id", "room", "from", "to", "text", "ts", "attachments"}
SECRET_WORDS = ("password", "hash", "token", "secret", "email", "e-mail")

# --------------------------------------------------------------------------
# HTTP helpers
# --------------------------------------------------------------------------

_NO_BODY = object()


def http(server, method, path, token=None, json_body=_NO_BODY, data=None,
         headers=None, timeout=HTTP_TIMEOUT):
    """One HTTP request to the server; returns the requests.Response."""
    h = dict(headers or {})
    if token is not None:
        h["Authorization"] = f"Bearer {token}"
    kwargs = {}
    if json_body is not _NO_BODY:
        kwargs["json"] = json_body
    elif data is not None:
        kwargs["data"] = data
        h.setdefault("Content-Type", "application/json")
    return requests.request(method, server.base_url + path, headers=h,
                            timeout=timeout, allow_redirects=False, **kwargs)


def body_of(resp):
    try:
        return resp.json()
    except ValueError:
        raise AssertionError(f"HTTP {resp.status_code}: body is not JSON: {resp.text[:300]!r}")


def expect_status(resp, status):
    assert resp.status_code == status, (
        f"{resp.request.method} {resp.request.path_url}: expected HTTP {status}, "
        f"got {resp.status_code}: {resp.text[:500]}")
    return body_of(resp) if resp.content else None


def assert_error(resp, status, code):
    """HTTP error: status and {"error":{"code","message"}} with a real message."""
    body = expect_status(resp, status)
    assert isinstance(body, dict) and isinstance(body.get("error"), dict), \
        f"error body has no 'error' object: {body!r}"
    assert body["error"].get("code") == code, \
        f"expected error code {code!r}, got {body['error']!r}"
    msg = body["error"].get("message")
    assert isinstance(msg, str) and msg.strip(), f"error message missing/empty: {body!r}"
    return body["error"]


def register_raw(server, body):
    return http(server, "POST", "/api/v1/register", json_body=body)


def register(server, username, password=DEFAULT_PASSWORD, **names):
    """Register; asserts 201 and returns (token, user)."""
    body = expect_status(register_raw(server, dict(username=username, password=password, **names)), 201)
    assert isinstance(body.get("token"), str) and body["token"], f"no token: {body!r}"
    check_user(body["user"])
    return body["token"], body["user"]


def login_raw(server, username, password):
    return http(server, "POST", "/api/v1/login",
                json_body={"username": username, "password": password})


def login(server, username, password=DEFAULT_PASSWORD):
    """Log in; asserts 200 and returns (token, user)."""
    body = expect_status(login_raw(server, username, password), 200)
    assert isinstance(body.get("token"), str) and body["token"], f"no token: {body!r}"
    check_user(body["user"])
    return body["token"], body["user"]


def me(server, token):
    return expect_status(http(server, "GET", "/api/v1/me", token), 200)["user"]


def room_messages(server, token, room, **params):
    q = "&".join(f"{k}={v}" for k, v in params.items())
    path = f"/api/v1/rooms/{room}/messages" + (f"?{q}" if q else "")
    body = expect_status(http(server, "GET", path, token), 200)
    assert isinstance(body.get("messages"), list), body
    return body["messages"]


def all_room_messages(server, token, room, page=100):
    """Page backwards with `before` until the start; returns oldest first."""
    out, before = [], None
    for _ in range(10000):
        params = {"limit": page} if before is None else {"limit": page, "before": before}
        msgs = room_messages(server, token, room, **params)
        if not msgs:
            return out
        assert_ascending(msgs)
        if out:
            assert msgs[-1]["id"] < out[0]["id"], "page overlaps the previous one"
        out = msgs + out
        before = msgs[0]["id"]
    raise AssertionError("history paging does not terminate")


# --------------------------------------------------------------------------
# Shape checks
# --------------------------------------------------------------------------

def check_user(u):
    assert isinstance(u, dict), f"user is not an object: {u!r}"
    missing = USER_FIELDS - set(u)
    assert not missing, f"user object lacks {sorted(missing)}: {u!r}"
    assert isinstance(u["id"], int) and not isinstance(u["id"], bool), u
    for f in ("username", "display_name", "first_name", "last_name"):
        assert isinstance(u[f], str), f"{f} not a string: {u!r}"
    assert u["avatar_url"] is None or isinstance(u["avatar_url"], str), u
    assert u["role"] in ("member", "admin"), u
    assert isinstance(u["online"], bool), u
    for key in u:
        assert not any(w in key.lower() for w in SECRET_WORDS), f"user leaks {key!r}: {u!r}"
    return u


def check_message(m):
    assert isinstance(m, dict), f"message is not an object: {m!r}"
    missing = MESSAGE_FIELDS - set(m)
    assert not missing, f"message lacks {sorted(missing)}: {m!r}"
    assert isinstance(m["id"], int) and isinstance(m["from"], int), m
    assert isinstance(m["ts"], int), m
    assert isinstance(m["text"], str), m
    assert isinstance(m["attachments"], list), m
    return m


def msg_core(m):
    """The contract fields of a message (extensions may differ between frames)."""
    return {k: m.get(k) for k in MESSAGE_FIELDS}


def assert_ascending(msgs):
    ids = [m["id"] for m in msgs]
    assert ids == sorted(ids) and len(set(ids)) == len(ids), f"ids not strictly ascending: {ids}"


def now_ms():
    return int(time.time() * 1000)


# --------------------------------------------------------------------------
# Test context: accounts + connections cleaned up after each test
# --------------------------------------------------------------------------

_name_counter = itertools.count(1)


def unique_name(prefix="u"):
    """A valid, per-run unique username (letters first, <= 32 chars)."""
    return f"{prefix[:14]}{next(_name_counter)}x{secrets.token_hex(3)}"


def unique_room(prefix="room"):
    return f"{prefix[:20].lower()}-{next(_name_counter)}-{secrets.token_hex(3)}"


@dataclass
class Account:
    username: str
    password: str
    token: str
    user: dict

    @property
    def id(self):
        return self.user["id"]


class Ctx:
    """Per-test helper: makes accounts and WebSocket clients on one server
    and closes every client at teardown."""

    def __init__(self, server):
        self.server = server
        self.clients = []

    def user(self, prefix="u", password=DEFAULT_PASSWORD, username=None, **names):
        name = username or unique_name(prefix)
        token, user = register(self.server, name, password, **names)
        return Account(name, password, token, user)

    def admin(self):
        acct = self.user(username=ADMIN_NAME)
        assert acct.user["role"] == "admin", acct.user
        return acct

    def ws(self, who=None, origin=None):
        """A WsClient; authenticated when `who` (Account or token) is given."""
        c = WsClient(self.server.ws_url, origin=origin)
        self.clients.append(c)
        if who is not None:
            check_user(c.auth(who.token if isinstance(who, Account) else who)["user"])
        return c

    def online(self, prefix="u", **names):
        acct = self.user(prefix, **names)
        return acct, self.ws(acct)

    def close_all(self):
        for c in self.clients:
            try:
                c.close()
            except Exception:
                pass


# --------------------------------------------------------------------------
# Fixtures and hooks
# --------------------------------------------------------------------------

@pytest.fixture
def server_factory(tmp_path, request):
    """Start servers with custom options; all are killed at teardown."""
    servers = []
    request.node._parley_servers = servers

    def make(limits="off", admins=(ADMIN_NAME,), extra_args=(), start=True, name="data"):
        s = Server(tmp_path / name, limits=limits, admins=admins, extra_args=extra_args)
        servers.append(s)
        return s.start() if start else s

    yield make
    for s in servers:
        s.ensure_dead()


@pytest.fixture
def server(server_factory):
    return server_factory()


@pytest.fixture
def ctx(server):
    c = Ctx(server)
    yield c
    c.close_all()


@pytest.fixture
def irc_server(server_factory):
    return server_factory(extra_args=("--irc", "127.0.0.1:0"))


@pytest.fixture
def irc_ctx(irc_server):
    """(server, make_client, ws_ctx): IRC clients by make_client(), every client
    (IRC and WebSocket) closed at the end."""
    from parley_irc import IrcClient
    ctx = Ctx(irc_server)
    clients = []

    def make():
        c = IrcClient(irc_server)
        clients.append(c)
        return c
    yield irc_server, make, ctx
    for c in clients:
        c.close()
    ctx.close_all()


@pytest.fixture(autouse=True)
def _watchdog():
    """Hard bound per test: dump stacks and exit (children die with us)."""
    faulthandler.dump_traceback_later(TEST_WATCHDOG, exit=True, file=sys.stderr)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.failed:
        for i, s in enumerate(getattr(item, "_parley_servers", [])):
            rep.sections.append((f"parleyd #{i} log", s.log_tail()))
