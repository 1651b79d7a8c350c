"""Room history over HTTP (`/rooms/{name}/messages`) and WebSocket (`history`)."""

import pytest

from conftest import (all_room_messages, assert_ascending, assert_error, check_message, http,
                      msg_core, room_messages, unique_room)


@pytest.fixture
def filled_room(ctx):
    """A room holding 120 messages t0..t119; returns (account, ws, room, messages)."""
    a, ws = ctx.online("hist")
    room = unique_room("hist")
    ws.ok("join", room=room)
    answers = ws.pipeline([("send", {"room": room, "text": f"t{i}"}) for i in range(120)])
    msgs = [f["message"] for f in answers]
    assert_ascending(msgs)
    return a, ws, room, msgs


def ids(msgs):
    return [m["id"] for m in msgs]


def test_http_default_limit_is_50(filled_room, server):
    a, _, room, msgs = filled_room
    got = room_messages(server, a.token, room)
    for m in got:
        check_message(m)
    assert ids(got) == ids(msgs[-50:])
    assert [m["text"] for m in got] == [f"t{i}" for i in range(70, 120)]


def test_http_limit(filled_room, server):
    a, _, room, msgs = filled_room
    assert ids(room_messages(server, a.token, room, limit=10)) == ids(msgs[-10:])
    assert ids(room_messages(server, a.token, room, limit=1)) == ids(msgs[-1:])


def test_http_limit_capped_at_100(filled_room, server):
    a, _, room, msgs = filled_room
    assert ids(room_messages(server, a.token, room, limit=500)) == ids(msgs[-100:])
    assert ids(room_messages(server, a.token, room, limit=100)) == ids(msgs[-100:])


def test_http_before_pages_backwards(filled_room, server):
    a, _, room, msgs = filled_room
    page = room_messages(server, a.token, room, before=msgs[60]["id"], limit=20)
    assert ids(page) == ids(msgs[40:60])
    page = room_messages(server, a.token, room, before=msgs[5]["id"], limit=20)
    assert ids(page) == ids(msgs[0:5])
    assert room_messages(server, a.token, room, before=msgs[0]["id"]) == []


def test_http_full_paging_returns_everything_in_order(filled_room, server):
    a, _, room, msgs = filled_room
    got = all_room_messages(server, a.token, room, page=33)
    assert ids(got) == ids(msgs)
    assert [m["text"] for m in got] == [m["text"] for m in msgs]


def test_http_history_of_unknown_room(ctx):
    a = ctx.user("nohist")
    assert_error(http(ctx.server, "GET", f"/api/v1/rooms/{unique_room('nope')}/messages", a.token),
                 404, "not_found")


def test_http_history_matches_message_events(ctx):
    a, ws_a = ctx.online("evt")
    b, ws_b = ctx.online("evt")
    room = unique_room()
    ws_a.ok("join", room=room)
    ws_b.ok("join", room=room)
    sent = [ws_a.ok("send", room=room, text="one")["message"],
            ws_b.ok("send", room=room, text="two")["message"]]
    for who in (a, b):
        got = room_messages(ctx.server, who.token, room)
        assert [msg_core(m) for m in got] == [msg_core(m) for m in sent]


def test_ws_history(filled_room):
    _, ws, room, msgs = filled_room
    got = ws.ok("history", room=room, limit=30)["messages"]
    assert ids(got) == ids(msgs[-30:])
    got = ws.ok("history", room=room, before=msgs[50]["id"], limit=10)["messages"]
    assert ids(got) == ids(msgs[40:50])
    got = ws.ok("history", room=room, limit=1000)["messages"]
    assert ids(got) == ids(msgs[-100:])
    got = ws.ok("history", room=room)["messages"]
    assert 1 <= len(got) <= 100 and ids(got) == ids(msgs[-len(got):])


def test_ws_history_is_same_as_http(filled_room, server):
    a, ws, room, msgs = filled_room
    over_ws = ws.ok("history", room=room, limit=40, before=msgs[100]["id"])["messages"]
    over_http = room_messages(server, a.token, room, limit=40, before=msgs[100]["id"])
    assert [msg_core(m) for m in over_ws] == [msg_core(m) for m in over_http]
    assert ids(over_ws) == ids(msgs[60:100])


# -- catching up after a reconnect (extension: `after`) ------------------------

def test_ws_history_after_catches_up_without_gaps(filled_room):
    _, ws, room, msgs = filled_room
    got = ws.ok("history", room=room, after=msgs[9]["id"], limit=5)["messages"]
    assert ids(got) == ids(msgs[10:15])
    # Paging forward until a short page walks every later message exactly once.
    seen, after = [], msgs[9]["id"]
    for _ in range(10):
        page = ws.ok("history", room=room, after=after, limit=100)["messages"]
        seen += page
        if len(page) < 100:
            break
        after = page[-1]["id"]
    assert ids(seen) == ids(msgs[10:])


def test_http_history_after(filled_room, server):
    a, _, room, msgs = filled_room
    got = room_messages(server, a.token, room, after=msgs[-3]["id"])
    assert ids(got) == ids(msgs[-2:])
    r = http(server, "GET", f"/api/v1/rooms/{room}/messages?after=abc", a.token)
    assert_error(r, 400, "bad_request")


# -- direct conversations list (extension: `conversations`) --------------------

def test_conversations_lists_partners_newest_first(ctx):
    a, ws_a = ctx.online("conv")
    b, ws_b = ctx.online("conv")
    c, ws_c = ctx.online("conv")
    ws_b.ok("send_dm", to=a.id, text="from b")
    ws_c.ok("send_dm", to=a.id, text="from c")
    last = ws_a.ok("send_dm", to=b.id, text="to b")["message"]
    got = ws_a.ok("conversations")["conversations"]
    assert [conv["user"]["id"] for conv in got] == [b.id, c.id]
    assert got[0]["last_message"]["id"] == last["id"]
    assert got[1]["last_message"]["text"] == "from c"
    assert ws_c.ok("conversations")["conversations"][0]["user"]["id"] == a.id
