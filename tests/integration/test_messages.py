"""Room messages over WebSocket: send, fan-out, validation, ids."""

import time

import pytest

from conftest import check_message, msg_core, now_ms, unique_room


def two_in_room(ctx):
    """Two online users who share a fresh room."""
    a, ws_a = ctx.online("sender")
    b, ws_b = ctx.online("reader")
    room = unique_room()
    ws_a.ok("join", room=room)
    ws_b.ok("join", room=room)
    ws_a.expect("joined", lambda f: f["room"] == room)
    return room, (a, ws_a), (b, ws_b)


def test_send_answer_shape(ctx):
    room, (a, ws_a), _ = two_in_room(ctx)
    before = now_ms()
    msg = check_message(ws_a.ok("send", room=room, text="hello world")["message"])
    after = now_ms()
    assert msg["room"] == room
    assert msg["from"] == a.id
    assert msg["to"] is None
    assert msg["text"] == "hello world"
    assert msg["attachments"] == []
    assert before - 5000 <= msg["ts"] <= after + 5000, (before, msg["ts"], after)


def test_send_reaches_members_not_sender_connection(ctx):
    room, (a, ws_a), (b, ws_b) = two_in_room(ctx)
    ws_a2 = ctx.ws(a)                   # the sender's other connection
    c, ws_c = ctx.online("stranger")    # not in the room
    msg = ws_a.ok("send", room=room, text="fan out")["message"]
    for ws in (ws_b, ws_a2):
        ev = ws.expect("message", lambda f: f["message"]["id"] == msg["id"])
        assert msg_core(ev["message"]) == msg_core(msg)
    ws_a.expect_none("message")
    ws_c.expect_none("message", timeout=0.3)


def test_send_in_general(ctx):
    a, ws_a = ctx.online("gen")
    b, ws_b = ctx.online("gen")
    msg = ws_a.ok("send", room="general", text="hi all")["message"]
    ev = ws_b.expect("message", lambda f: f["message"]["id"] == msg["id"])
    assert ev["message"]["room"] == "general" and ev["message"]["from"] == a.id


@pytest.mark.parametrize("text", ["", " ", "  \t\n  ", "x" * 4001, "\u00e9" * 4001],
                         ids=["empty", "space", "whitespace", "4001", "4001-unicode"])
def test_send_invalid_text(ctx, text):
    room, (a, ws_a), (b, ws_b) = two_in_room(ctx)
    ws_a.err("send", "invalid_text", room=room, text=text)
    ws_b.expect_none("message", timeout=0.3)
    ws_a.assert_usable()


@pytest.mark.parametrize("text", ["x", "y" * 4000, "\u00e9" * 4000, "\U0001F600" * 1000 + " ok"],
                         ids=["1", "4000", "4000-unicode", "emoji"])
def test_send_text_length_edges(ctx, text):
    room, (a, ws_a), (b, ws_b) = two_in_room(ctx)
    msg = ws_a.ok("send", room=room, text=text)["message"]
    assert msg["text"] == text
    assert ws_b.expect("message")["message"]["text"] == text


def test_text_round_trips_exactly(ctx):
    room, (a, ws_a), (b, ws_b) = two_in_room(ctx)
    text = "  leading and trailing  \"quotes\" \\ <b>&amp;</b> \u674e\u767d \U0001F680\nline 2"
    msg = ws_a.ok("send", room=room, text=text)["message"]
    assert msg["text"] == text
    assert ws_b.expect("message")["message"]["text"] == text
    history = ws_b.ok("history", room=room, limit=5)["messages"]
    assert history[-1]["text"] == text


def test_send_to_room_not_joined(ctx):
    room, _, _ = two_in_room(ctx)
    _, ws_c = ctx.online("outsider")
    ws_c.err("send", "not_member", room=room, text="let me in")
    ws_c.assert_usable()


def test_message_ids_strictly_increase_across_rooms_and_users(ctx):
    room, (a, ws_a), (b, ws_b) = two_in_room(ctx)
    other = unique_room()
    ws_b.ok("join", room=other)
    ids = []
    for i in range(20):
        ws, r = [(ws_a, room), (ws_b, other), (ws_b, "general"), (ws_a, "general")][i % 4]
        ids.append(ws.ok("send", room=r, text=f"n{i}")["message"]["id"])
    assert ids == sorted(ids) and len(set(ids)) == len(ids), ids


def test_timestamps_do_not_go_backwards(ctx):
    room, (a, ws_a), _ = two_in_room(ctx)
    msgs = []
    for i in range(5):
        msgs.append(ws_a.ok("send", room=room, text=f"t{i}")["message"])
        time.sleep(0.01)
    ts = [m["ts"] for m in msgs]
    assert ts == sorted(ts), ts


def test_command_id_is_echoed_verbatim(ctx):
    _, ws = ctx.online("echo")
    for cid in ("abc-1", 77, "", 3.5):
        ws.send({"type": "history", "room": "general", "limit": 1, "id": cid})
        f = ws.expect(None, lambda f: f.get("type") in ("ok", "error"))
        assert f["type"] == "ok" and f["id"] == cid and type(f["id"]) is type(cid), f


def test_command_without_id_still_answered(ctx):
    room, (a, ws_a), (b, ws_b) = two_in_room(ctx)
    ws_a.send({"type": "send", "room": room, "text": "no id"})
    ans = ws_a.expect("ok")
    assert ans["message"]["text"] == "no id"
    assert ws_b.expect("message")["message"]["id"] == ans["message"]["id"]


def test_send_missing_fields(ctx):
    _, ws = ctx.online("missing")
    for fields in ({"room": "general"}, {"text": "hi"}, {"room": "general", "text": 5}):
        f = ws.call("send", **fields)
        assert f["type"] == "error", f"send {fields} answered {f}"
    ws.assert_usable()
