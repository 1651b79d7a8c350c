"""Durability: clean restart (SIGTERM) and crash recovery (SIGKILL)."""

import threading
import time

import pytest
import websocket

from conftest import (WsEnded, all_room_messages, assert_error, expect_status, http, login,
                      login_raw, me, msg_core, room_messages, unique_room)


def test_sigterm_exits_cleanly_with_open_connections(ctx):
    _, ws = ctx.online("open")
    ws.ok("send", room="general", text="pending?")
    ctx.server.stop()                   # asserts exit code 0 within 10 s
    ended = ws.wait_ended(timeout=5)
    assert ended is not None and ended[0] == "close", f"no close frame on shutdown: {ended}"


def test_restart_keeps_accounts_tokens_rooms_and_history(ctx):
    a, ws_a = ctx.online("durable", first_name="Per", last_name="Sistent")
    b, ws_b = ctx.online("durable")
    room = unique_room("keep")
    ws_a.ok("join", room=room)
    ws_b.ok("join", room=room)
    ws_b.ok("leave", room=room)
    sent = [ws_a.ok("send", room=room, text=f"keep {i}")["message"] for i in range(10)]
    dm = ws_b.ok("send_dm", to=a.id, text="dm before restart")["message"]
    ws_a.ok("block", user_id=b.id)
    expect_status(http(ctx.server, "PATCH", "/api/v1/me", a.token,
                       json_body={"display_name": "Renamed"}), 200)
    ctx.close_all()

    ctx.server.restart()

    user = me(ctx.server, a.token)                      # token still valid
    assert (user["id"], user["display_name"], user["first_name"]) == (a.id, "Renamed", "Per")
    login(ctx.server, b.username, b.password)
    ws_a = ctx.ws(a)
    assert room in ws_a.ready["rooms"] and "general" in ws_a.ready["rooms"]
    assert ws_a.ready["blocked"] == [b.id]
    ws_b = ctx.ws(b)
    assert room not in ws_b.ready["rooms"]
    got = room_messages(ctx.server, a.token, room)
    assert [msg_core(m) for m in got] == [msg_core(m) for m in sent]
    ws_a.ok("unblock", user_id=b.id)
    dms = ws_a.ok("history", **{"with": b.id})["messages"]
    assert [m["id"] for m in dms] == [dm["id"]]
    after = ws_a.ok("send", room=room, text="after restart")["message"]
    assert after["id"] > max(m["id"] for m in sent + [dm])


def test_restart_keeps_deleted_and_changed_credentials(ctx):
    a = ctx.user("creds")
    gone = ctx.user("gone")
    r = http(ctx.server, "POST", "/api/v1/me/password", a.token,
             json_body={"old_password": a.password, "new_password": "brand-new-pass"})
    assert r.status_code == 204, r.text
    r = http(ctx.server, "DELETE", "/api/v1/me", gone.token, json_body={"password": gone.password})
    assert r.status_code == 204, r.text
    logout_token, _ = login(ctx.server, a.username, "brand-new-pass")
    assert http(ctx.server, "POST", "/api/v1/logout", logout_token).status_code == 204

    ctx.server.restart()

    login(ctx.server, a.username, "brand-new-pass")
    assert_error(login_raw(ctx.server, a.username, a.password), 401, "invalid_credentials")
    assert_error(login_raw(ctx.server, gone.username, gone.password), 401, "invalid_credentials")
    assert_error(http(ctx.server, "GET", "/api/v1/me", logout_token), 401, "unauthorized")
    assert_error(http(ctx.server, "GET", "/api/v1/me", gone.token), 401, "unauthorized")
    assert me(ctx.server, a.token)["id"] == a.id


def test_restart_keeps_bans_and_roles(ctx):
    admin = ctx.admin()
    ws_admin = ctx.ws(admin)
    banned = ctx.user("banned")
    room_banned = ctx.user("roomban")
    room = unique_room()
    ws_admin.ok("join", room=room)
    ws_admin.ok("ban", user_id=banned.id)
    ws_admin.ok("ban", user_id=room_banned.id, room=room)
    ctx.close_all()

    ctx.server.restart()

    assert_error(login_raw(ctx.server, banned.username, banned.password), 403, "banned")
    ws = ctx.ws(room_banned)
    ws.err("join", "banned", room=room)
    assert me(ctx.server, admin.token)["role"] == "admin"


class Sender(threading.Thread):
    """Sends into `room` one message at a time, recording every acked message,
    until the connection dies or `stop` is set."""

    def __init__(self, ws, room, prefix):
        super().__init__(daemon=True)
        self.ws, self.room, self.prefix = ws, room, prefix
        self.acked = []
        self.failure = None
        self.stop = threading.Event()

    def run(self):
        i = 0
        while not self.stop.is_set():
            try:
                f = self.ws.call("send", room=self.room, text=f"{self.prefix}{i}")
            except (WsEnded, OSError, websocket.WebSocketException):
                return
            except AssertionError as e:     # no answer: the server is gone
                self.failure = str(e)
                return
            if f["type"] == "ok":
                self.acked.append(f["message"])
            i += 1


@pytest.mark.slow
def test_kill9_loses_no_acknowledged_message(ctx):
    a, ws_a = ctx.online("steady")
    b, ws_b = ctx.online("crash")
    room = unique_room("crash")
    ws_a.ok("join", room=room)
    ws_b.ok("join", room=room)

    acked = []
    deadline = time.monotonic() + 1.0
    i = 0
    while time.monotonic() < deadline:
        acked.append(ws_a.ok("send", room=room, text=f"a{i}")["message"])
        i += 1

    sender = Sender(ws_b, room, "b")
    sender.start()
    time.sleep(0.3)
    ctx.server.kill9()
    sender.join(15)
    assert not sender.is_alive(), "sender thread did not notice the crash"
    assert sender.acked, "no message was acknowledged before the crash"
    acked += sender.acked

    ctx.server.restart()

    history = all_room_messages(ctx.server, a.token, room)
    by_id = {m["id"]: m for m in history}
    missing = [m["id"] for m in acked if m["id"] not in by_id]
    assert not missing, f"{len(missing)} acknowledged messages lost, e.g. {missing[:5]}"
    for m in acked:
        assert by_id[m["id"]]["text"] == m["text"]
    acked_ids = [m["id"] for m in acked]
    wanted = set(acked_ids)
    in_history = [m["id"] for m in history if m["id"] in wanted]
    assert in_history == sorted(acked_ids)
    ws = ctx.ws(a)
    after = ws.ok("send", room=room, text="after crash")["message"]
    assert after["id"] > max(m["id"] for m in history)
