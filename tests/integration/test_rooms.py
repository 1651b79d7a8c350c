"""Rooms: listing, join, leave, membership."""

import pytest

from conftest import (assert_ascending, check_message, check_user, expect_status, http,
                      unique_room)


def rooms_by_name(server, token):
    body = expect_status(http(server, "GET", "/api/v1/rooms", token), 200)
    out = {}
    for r in body["rooms"]:
        assert {"name", "topic", "members"} <= set(r), r
        assert isinstance(r["members"], int) and not isinstance(r["members"], bool), r
        out[r["name"]] = r
    return out


def test_general_always_listed_with_member_count(ctx):
    a = ctx.user("gen")
    assert rooms_by_name(ctx.server, a.token)["general"]["members"] == 1
    ctx.user("gen")
    ctx.user("gen")
    assert rooms_by_name(ctx.server, a.token)["general"]["members"] == 3


def test_join_creates_room(ctx):
    a, ws_a = ctx.online("creator")
    room = unique_room()
    assert room not in rooms_by_name(ctx.server, a.token)
    ans = ws_a.ok("join", room=room)
    assert ans["room"]["name"] == room
    assert "topic" in ans["room"]
    assert [check_user(u)["id"] for u in ans["members"]] == [a.id]
    assert ans["history"] == []
    assert rooms_by_name(ctx.server, a.token)[room]["members"] == 1


def test_join_existing_room_and_joined_event(ctx):
    a, ws_a = ctx.online("host")
    b, ws_b = ctx.online("guest")
    c, ws_c = ctx.online("outsider")
    room = unique_room()
    ws_a.ok("join", room=room)
    ans = ws_b.ok("join", room=room)
    assert {u["id"] for u in ans["members"]} == {a.id, b.id}
    ev = ws_a.expect("joined", lambda f: f["room"] == room)
    assert check_user(ev["user"])["id"] == b.id
    ws_b.expect_none("joined", lambda f: f.get("room") == room)   # joiner only gets ok
    ws_c.expect_none("joined", lambda f: f.get("room") == room)   # not a member
    assert rooms_by_name(ctx.server, c.token)[room]["members"] == 2


def test_joined_event_reaches_joiners_other_connection(ctx):
    a, ws_a1 = ctx.online("multi")
    ws_a2 = ctx.ws(a)
    room = unique_room()
    ws_a1.ok("join", room=room)
    ev = ws_a2.expect("joined", lambda f: f["room"] == room)
    assert ev["user"]["id"] == a.id


@pytest.mark.parametrize("name", ["", "General", "-dash", "_under", "has space", "a" * 51,
                                  "#hash", "caf\u00e9", "dot.ted", "slash/x"])
def test_join_invalid_name(ctx, name):
    _, ws = ctx.online("badroom")
    ws.err("join", "invalid_room", room=name)
    ws.assert_usable()


@pytest.mark.parametrize("name", ["x", "9", "a" * 50, "a-b_c-9"])
def test_join_valid_name_edges(ctx, name):
    a, ws = ctx.online("okroom")
    assert ws.ok("join", room=name)["room"]["name"] == name
    assert name in rooms_by_name(ctx.server, a.token)


def test_join_twice_is_harmless(ctx):
    a, ws = ctx.online("twice")
    room = unique_room()
    ws.ok("join", room=room)
    ans = ws.call("join", room=room)
    assert ans["type"] in ("ok", "error"), ans
    assert rooms_by_name(ctx.server, a.token)[room]["members"] == 1


def test_join_history_is_last_50_oldest_first(ctx):
    a, ws_a = ctx.online("talker")
    _, ws_b = ctx.online("late")
    room = unique_room()
    ws_a.ok("join", room=room)
    answers = ws_a.pipeline([("send", {"room": room, "text": f"m{i}"}) for i in range(55)])
    sent = [f["message"] for f in answers]
    history = ws_b.ok("join", room=room)["history"]
    assert len(history) == 50
    for m in history:
        check_message(m)
    assert_ascending(history)
    assert [m["id"] for m in history] == [m["id"] for m in sent[5:]]
    assert [m["text"] for m in history] == [f"m{i}" for i in range(5, 55)]


def test_leave(ctx):
    a, ws_a = ctx.online("stay")
    b, ws_b = ctx.online("goer")
    room = unique_room()
    ws_a.ok("join", room=room)
    ws_b.ok("join", room=room)
    ws_a.expect("joined", lambda f: f["room"] == room)
    ws_b.ok("leave", room=room)
    ev = ws_a.expect("left", lambda f: f["room"] == room)
    assert ev["user_id"] == b.id
    ws_b.expect_none("left", lambda f: f.get("room") == room)
    ws_b.err("send", "not_member", room=room, text="still here?")
    assert rooms_by_name(ctx.server, a.token)[room]["members"] == 1
    # membership is gone for new connections too
    assert room not in ctx.ws(b).ready["rooms"]
    assert room in ctx.ws(a).ready["rooms"]


def test_membership_belongs_to_account(ctx):
    a, ws_a1 = ctx.online("member")
    ws_a2 = ctx.ws(a)               # opened before the join
    room = unique_room()
    ws_a1.ok("join", room=room)
    b, ws_b = ctx.online("poster")
    ws_b.ok("join", room=room)
    ws_b.ok("send", room=room, text="hello members")
    for ws in (ws_a1, ws_a2):
        ev = ws.expect("message", lambda f: f["message"]["room"] == room)
        assert ev["message"]["text"] == "hello members"
    ws_a1.close()
    ws_a2.close()
    ws_again = ctx.ws(a)
    assert room in ws_again.ready["rooms"]
    assert "general" in ws_again.ready["rooms"]


def test_rooms_listing_counts_follow_joins_and_leaves(ctx):
    a, ws_a = ctx.online("count")
    b, ws_b = ctx.online("count")
    room = unique_room()
    ws_a.ok("join", room=room)
    ws_b.ok("join", room=room)
    assert rooms_by_name(ctx.server, a.token)[room]["members"] == 2
    ws_b.ok("leave", room=room)
    assert rooms_by_name(ctx.server, a.token)[room]["members"] == 1
    assert rooms_by_name(ctx.server, a.token)["general"]["members"] == 2
