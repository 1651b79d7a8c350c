"""Moderation: kick, room ban, server ban, unban; admin only."""

import pytest

from conftest import assert_error, assert_ws_error, http, login, login_raw, unique_room


@pytest.fixture
def mod_room(ctx):
    """Admin, target and bystander all online and members of a fresh room."""
    admin = ctx.admin()
    ws_admin = ctx.ws(admin)
    target, ws_t = ctx.online("target")
    bystander, ws_by = ctx.online("bystander")
    room = unique_room("mod")
    for ws in (ws_admin, ws_t, ws_by):
        ws.ok("join", room=room)
    return room, (admin, ws_admin), (target, ws_t), (bystander, ws_by)


@pytest.mark.parametrize("command", ["kick", "ban", "ban-room", "unban", "unban-room"])
def test_member_cannot_moderate(mod_room, command):
    room, _, (target, ws_t), (bystander, ws_by) = mod_room
    name, _, scoped = command.partition("-")
    fields = {"user_id": target.id}
    if scoped or name == "kick":
        fields["room"] = room
    ws_by.err(name, "forbidden", **fields)
    ws_t.expect_none("kicked")
    ws_t.expect_none("banned", timeout=0.1)
    ws_t.ok("send", room=room, text="still here")


def test_kick(mod_room):
    room, (admin, ws_admin), (target, ws_t), (bystander, ws_by) = mod_room
    ws_admin.ok("kick", room=room, user_id=target.id, reason="be nice")
    ev = ws_t.expect("kicked")
    assert (ev["room"], ev["by"], ev["reason"]) == (room, admin.id, "be nice")
    left = ws_by.expect("left", lambda f: f["room"] == room and f["user_id"] == target.id)
    assert left["reason"] == "kicked"
    ws_t.err("send", "not_member", room=room, text="am I out?")
    # kicked is not banned: the target may come back
    ws_t.ok("join", room=room)
    ws_by.expect("joined", lambda f: f["room"] == room and f["user"]["id"] == target.id)
    assert ws_t.ok("send", room=room, text="back")["message"]["room"] == room


def test_kick_removes_membership_for_new_connections(ctx, mod_room):
    room, (admin, ws_admin), (target, ws_t), _ = mod_room
    ws_admin.ok("kick", room=room, user_id=target.id)
    ws_t.expect("kicked")
    assert room not in ctx.ws(target).ready["rooms"]


def test_room_ban_and_unban(ctx, mod_room):
    room, (admin, ws_admin), (target, ws_t), (bystander, ws_by) = mod_room
    ws_admin.ok("ban", room=room, user_id=target.id, reason="spam")
    assert ws_t.expect("kicked")["room"] == room
    ws_by.expect("left", lambda f: f["room"] == room and f["user_id"] == target.id)
    ws_t.err("join", "banned", room=room)
    ws_t.err("send", "not_member", room=room, text="let me in")
    # only that room: the rest of the account works
    ws_t.ok("send", room="general", text="I can still talk here")
    assert ctx.ws(target).ready["user"]["id"] == target.id
    ws_admin.ok("unban", room=room, user_id=target.id)
    ws_t.ok("join", room=room)
    ws_t.ok("send", room=room, text="thanks")


def test_server_ban(ctx, mod_room):
    room, (admin, ws_admin), (target, ws_t), (bystander, ws_by) = mod_room
    second_token, _ = login(ctx.server, target.username)
    ws_t2 = ctx.ws(second_token)
    ws_admin.ok("ban", user_id=target.id, reason="go away")
    ev = ws_t.expect("banned")
    assert ev["reason"] == "go away"
    ws_t.closed_with(4003)
    ws_t2.closed_with(4003)
    for token in (target.token, second_token):
        assert_error(http(ctx.server, "GET", "/api/v1/me", token), 401, "unauthorized")
    assert_error(login_raw(ctx.server, target.username, target.password), 403, "banned")
    ws_new = ctx.ws()
    refused = ws_new.auth_raw(target.token)
    assert refused["type"] == "error" and refused["code"] in ("unauthorized", "banned"), refused
    ws_new.closed_with(4003)
    ws_by.expect("presence", lambda f: f["user"]["id"] == target.id and f["online"] is False)


def test_server_unban(ctx, mod_room):
    room, (admin, ws_admin), (target, ws_t), _ = mod_room
    ws_admin.ok("ban", user_id=target.id)
    ws_t.closed_with(4003)
    ws_admin.ok("unban", user_id=target.id)
    token, user = login(ctx.server, target.username, target.password)
    assert user["id"] == target.id
    # sessions revoked by the ban stay revoked
    assert_error(http(ctx.server, "GET", "/api/v1/me", target.token), 401, "unauthorized")
    assert ctx.ws(token).ready["user"]["id"] == target.id


def test_server_ban_of_offline_user(ctx):
    admin = ctx.admin()
    ws_admin = ctx.ws(admin)
    target = ctx.user("offline")
    ws_admin.ok("ban", user_id=target.id)
    assert_error(login_raw(ctx.server, target.username, target.password), 403, "banned")
    assert_error(http(ctx.server, "GET", "/api/v1/me", target.token), 401, "unauthorized")


def test_ban_unknown_user(ctx):
    admin = ctx.admin()
    ws_admin = ctx.ws(admin)
    f = ws_admin.call("ban", user_id=987654321)
    assert_ws_error(f, "not_found")
