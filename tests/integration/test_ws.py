"""WebSocket connection handling: auth, ready frame, framing, origin checks."""

import json
import time

import pytest
import websocket

from conftest import WsClient, assert_ws_error, check_user


def test_ready_frame(ctx):
    b, ws_b = ctx.online("early")
    a, ws_a = ctx.online("ready", display_name="Ready Freddy")
    ready = ws_a.ready
    assert ready["type"] == "ready"
    assert ready["user"]["id"] == a.id
    assert ready["user"]["username"] == a.username
    assert ready["user"]["display_name"] == "Ready Freddy"
    assert "general" in ready["rooms"]
    assert all(isinstance(r, str) for r in ready["rooms"])
    online = {check_user(u)["id"]: u for u in ready["online"]}
    assert b.id in online and online[b.id]["online"] is True
    assert ready["blocked"] == []


def test_auth_with_bad_token(ctx):
    ws = ctx.ws()
    assert_ws_error(ws.auth_raw("definitely-not-a-token"), "unauthorized")
    ws.closed_with(4001)


def test_auth_with_wrong_token_type(ctx):
    ws = ctx.ws()
    ws.send({"type": "auth", "token": 12345})
    assert_ws_error(ws.expect("error"), "unauthorized")
    ws.closed_with(4001)


def test_first_frame_must_be_auth(ctx):
    ctx.user("first")
    ws = ctx.ws()
    ws.send({"type": "join", "room": "general", "id": 1})
    assert_ws_error(ws.expect("error"), "unauthorized")
    ws.closed_with(4001)


@pytest.mark.slow
def test_auth_timeout(ctx):
    ws = ctx.ws()
    start = time.monotonic()
    assert_ws_error(ws.expect("error", timeout=13), "unauthorized")
    ws.closed_with(4001, timeout=3)
    elapsed = time.monotonic() - start
    assert elapsed >= 8, f"closed after {elapsed:.1f}s, clients must get 10 s to authenticate"


def test_non_json_frame(ctx):
    _, ws = ctx.online("garbage")
    ws.send_raw("this is { not json")
    assert_ws_error(ws.expect("error"), "bad_request")
    ws.assert_usable()


def test_json_that_is_not_an_object(ctx):
    _, ws = ctx.online("array")
    ws.send_raw("[1, 2, 3]")
    assert ws.expect("error")["code"] in ("bad_request", "unknown_command")
    ws.assert_usable()


def test_unknown_command(ctx):
    _, ws = ctx.online("unknown")
    f = ws.call("fly_to_the_moon", speed=9)
    assert_ws_error(f, "unknown_command")
    ws.assert_usable()


def test_command_without_type(ctx):
    _, ws = ctx.online("notype")
    ws.send({"id": 99, "room": "general"})
    f = ws.expect("error")
    assert f["code"] in ("bad_request", "unknown_command"), f
    ws.assert_usable()


def test_frame_over_64k_closes_1009(ctx):
    _, ws = ctx.online("huge")
    payload = json.dumps({"type": "send", "room": "general", "text": "a" * (64 * 1024 + 10)})
    try:
        ws.send_raw(payload)
    except (OSError, websocket.WebSocketException):
        pass  # the server may close before reading everything
    ws.closed_with(1009)


def test_frame_under_64k_is_accepted(ctx):
    _, ws = ctx.online("big")
    ws.err("send", "invalid_text", room="general", text="b" * 60000)
    ws.assert_usable()


def test_foreign_origin_refused(ctx):
    with pytest.raises(websocket.WebSocketBadStatusException) as info:
        WsClient(ctx.server.ws_url, origin="http://evil.example.com")
    assert info.value.status_code == 403


def test_own_origin_and_no_origin_accepted(ctx):
    a = ctx.user("origin")
    own = ctx.ws(a, origin=ctx.server.origin)
    assert own.ready["user"]["id"] == a.id
    bare = ctx.ws(a)              # no Origin header at all
    assert bare.ready["user"]["id"] == a.id


def test_other_port_origin_refused(ctx):
    port = ctx.server.port + 1 if ctx.server.port < 65535 else ctx.server.port - 1
    with pytest.raises(websocket.WebSocketBadStatusException) as info:
        WsClient(ctx.server.ws_url, origin=f"http://127.0.0.1:{port}")
    assert info.value.status_code == 403


def test_many_connections_same_user(ctx):
    a = ctx.user("many")
    b, ws_b = ctx.online("speaker")
    conns = [ctx.ws(a) for _ in range(5)]
    msg = ws_b.ok("send", room="general", text="to all five")["message"]
    for ws in conns:
        assert ws.expect("message", lambda f: f["message"]["id"] == msg["id"])


def test_closing_one_connection_leaves_others(ctx):
    a = ctx.user("survivor")
    ws1, ws2 = ctx.ws(a), ctx.ws(a)
    ws1.close()
    ws2.assert_usable()
    b, ws_b = ctx.online("talker")
    msg = ws_b.ok("send", room="general", text="still there?")["message"]
    assert ws2.expect("message")["message"]["id"] == msg["id"]
