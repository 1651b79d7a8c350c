"""Direct messages and blocking."""

import pytest

from conftest import check_message, msg_core, room_messages, unique_room


@pytest.fixture
def trio(ctx):
    """Three online users A, B, C (all members of general)."""
    return [ctx.online(p) for p in ("alice", "bob", "carol")]


def from_user(uid):
    return lambda f: f["message"]["from"] == uid


# -- direct messages ----------------------------------------------------------

def test_send_dm(trio):
    (a, ws_a), (b, ws_b), (c, ws_c) = trio
    msg = check_message(ws_a.ok("send_dm", to=b.id, text="psst")["message"])
    assert msg["room"] is None
    assert msg["to"] == b.id
    assert msg["from"] == a.id
    assert msg["text"] == "psst"
    assert msg["attachments"] == []
    ev = ws_b.expect("message")
    assert msg_core(ev["message"]) == msg_core(msg)
    ws_a.expect_none("message")
    ws_c.expect_none("message", timeout=0.3)


def test_dm_reaches_every_connection_of_recipient(ctx, trio):
    (a, ws_a), (b, ws_b), _ = trio
    ws_b2 = ctx.ws(b)
    msg = ws_a.ok("send_dm", to=b.id, text="both tabs")["message"]
    for ws in (ws_b, ws_b2):
        assert ws.expect("message")["message"]["id"] == msg["id"]


def test_dm_to_unknown_user(trio):
    (a, ws_a), _, _ = trio
    ws_a.err("send_dm", "not_found", to=987654321, text="anyone?")
    ws_a.assert_usable()


def test_dm_invalid_text(trio):
    (a, ws_a), (b, ws_b), _ = trio
    ws_a.err("send_dm", "invalid_text", to=b.id, text="   ")
    ws_a.err("send_dm", "invalid_text", to=b.id, text="z" * 4001)
    ws_b.expect_none("message", timeout=0.3)


def test_dm_history_both_sides(ctx, trio):
    (a, ws_a), (b, ws_b), (c, ws_c) = trio
    sent = [ws_a.ok("send_dm", to=b.id, text="hi bob")["message"],
            ws_b.ok("send_dm", to=a.id, text="hi alice")["message"],
            ws_a.ok("send_dm", to=b.id, text="how are you")["message"]]
    ws_a.ok("send_dm", to=c.id, text="unrelated")   # another conversation
    expected = [msg_core(m) for m in sent]
    for ws, other in ((ws_a, b), (ws_b, a)):
        got = ws.ok("history", **{"with": other.id})["messages"]
        assert [msg_core(m) for m in got] == expected
    assert [m["text"] for m in ws_c.ok("history", **{"with": b.id})["messages"]] == []
    # DMs never show up in room history
    assert all(m["room"] == "general" for m in room_messages(ctx.server, a.token, "general"))


def test_dm_history_paging(trio):
    (a, ws_a), (b, ws_b), _ = trio
    answers = ws_a.pipeline([("send_dm", {"to": b.id, "text": f"d{i}"}) for i in range(30)])
    ids = [f["message"]["id"] for f in answers]
    got = ws_b.ok("history", limit=10, before=ids[20], **{"with": a.id})["messages"]
    assert [m["id"] for m in got] == ids[10:20]


# -- blocking -----------------------------------------------------------------

def test_block_unknown_user(trio):
    (a, ws_a), _, _ = trio
    ws_a.err("block", "not_found", user_id=987654321)


def test_block_is_silent_and_listed_in_ready(ctx, trio):
    (a, ws_a), (b, ws_b), _ = trio
    ws_b.drain()
    ws_a.ok("block", user_id=b.id)
    ws_b.expect_none(timeout=0.5)
    assert ctx.ws(a).ready["blocked"] == [b.id]
    assert ctx.ws(b).ready["blocked"] == []


def test_blocked_user_cannot_dm(trio):
    (a, ws_a), (b, ws_b), (c, ws_c) = trio
    ws_a.ok("block", user_id=b.id)
    ws_b.err("send_dm", "blocked", to=a.id, text="let me talk")
    ws_a.expect_none("message")
    ws_c.ok("send_dm", to=a.id, text="carol is fine")
    assert ws_a.expect("message")["message"]["from"] == c.id


def test_blocker_gets_no_room_messages_or_typing(trio):
    (a, ws_a), (b, ws_b), (c, ws_c) = trio
    ws_a.ok("block", user_id=b.id)
    msg = ws_b.ok("send", room="general", text="can you hear me")["message"]
    assert ws_c.expect("message")["message"]["id"] == msg["id"]
    ws_b.ok("typing", room="general")
    assert ws_c.expect("typing")["user_id"] == b.id
    ws_a.expect_none("message", from_user(b.id))
    ws_a.expect_none("typing")
    # C's messages still arrive
    ws_c.ok("send", room="general", text="carol here")
    assert ws_a.expect("message")["message"]["from"] == c.id


def test_blocker_history_omits_blocked_user(ctx, trio):
    (a, ws_a), (b, ws_b), (c, ws_c) = trio
    room = unique_room()
    for ws in (ws_a, ws_b, ws_c):
        ws.ok("join", room=room)
    ws_b.ok("send", room=room, text="b before block")
    ws_c.ok("send", room=room, text="c before block")
    ws_a.ok("block", user_id=b.id)
    ws_b.ok("send", room=room, text="b after block")
    ws_c.ok("send", room=room, text="c after block")
    c_texts = ["c before block", "c after block"]
    assert [m["text"] for m in ws_a.ok("history", room=room)["messages"]] == c_texts
    assert [m["text"] for m in room_messages(ctx.server, a.token, room)] == c_texts
    assert len(room_messages(ctx.server, c.token, room)) == 4


def test_unblock_restores_everything(ctx, trio):
    (a, ws_a), (b, ws_b), (c, ws_c) = trio
    ws_a.ok("block", user_id=b.id)
    ws_b.ok("send", room="general", text="hidden")
    ws_a.expect_none("message", from_user(b.id), timeout=0.3)
    ws_a.ok("unblock", user_id=b.id)
    msg = ws_b.ok("send", room="general", text="visible again")["message"]
    assert ws_a.expect("message", from_user(b.id))["message"]["id"] == msg["id"]
    ws_b.ok("typing", room="general")
    assert ws_a.expect("typing")["user_id"] == b.id
    dm = ws_b.ok("send_dm", to=a.id, text="dm works")["message"]
    assert ws_a.expect("message", from_user(b.id))["message"]["id"] == dm["id"]
    assert msg["id"] in [m["id"] for m in room_messages(ctx.server, a.token, "general")]
    assert ctx.ws(a).ready["blocked"] == []


def test_block_is_one_way(trio):
    (a, ws_a), (b, ws_b), _ = trio
    ws_a.ok("block", user_id=b.id)
    msg = ws_a.ok("send", room="general", text="room message from a")["message"]
    assert ws_b.expect("message", lambda f: f["message"]["room"] == "general")["message"]["id"] \
        == msg["id"]
