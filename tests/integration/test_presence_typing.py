"""Presence and typing events."""

from conftest import check_user, unique_room


def about(uid, online=None):
    def pred(f):
        return f["user"]["id"] == uid and (online is None or f["online"] is online)
    return pred


def test_presence_online_and_offline(ctx):
    a, ws_a = ctx.online("watcher")
    b = ctx.user("comer")
    ws_b = ctx.ws(b)
    ev = ws_a.expect("presence", about(b.id))
    assert ev["online"] is True
    check_user(ev["user"])
    assert ev["user"]["username"] == b.username
    ws_b.close()
    ev = ws_a.expect("presence", about(b.id))
    assert ev["online"] is False


def test_presence_only_for_first_and_last_connection(ctx):
    a, ws_a = ctx.online("watcher")
    b = ctx.user("multi")
    ws_b1 = ctx.ws(b)
    ws_a.expect("presence", about(b.id, True))
    ws_b2 = ctx.ws(b)
    ws_a.expect_none("presence", about(b.id))       # already online
    ws_b1.close()
    ws_a.expect_none("presence", about(b.id))       # still online through ws_b2
    ws_b2.close()
    ws_a.expect("presence", about(b.id, False))


def test_presence_reaches_users_without_shared_rooms(ctx):
    a, ws_a = ctx.online("lonely")
    ws_a.call("leave", room="general")   # may be refused; then they share general
    b = ctx.user("other")
    ctx.ws(b)
    ws_a.expect("presence", about(b.id, True))


def test_typing(ctx):
    a, ws_a = ctx.online("typer")
    b, ws_b = ctx.online("reader")
    c, ws_c = ctx.online("outside")
    room = unique_room()
    ws_a.ok("join", room=room)
    ws_b.ok("join", room=room)
    ws_a.ok("typing", room=room)
    ev = ws_b.expect("typing")
    assert (ev["room"], ev["user_id"]) == (room, a.id)
    ws_a.expect_none("typing")                      # the typist only gets ok
    ws_c.expect_none("typing", timeout=0.2)         # not a member


def test_typing_reaches_typists_other_connection(ctx):
    a, ws_a1 = ctx.online("typer")
    ws_a2 = ctx.ws(a)
    ws_a1.ok("typing", room="general")
    ev = ws_a2.expect("typing")
    assert (ev["room"], ev["user_id"]) == ("general", a.id)


def test_typing_in_room_not_joined(ctx):
    a, ws_a = ctx.online("typer")
    b, ws_b = ctx.online("owner")
    room = unique_room()
    ws_b.ok("join", room=room)
    f = ws_a.call("typing", room=room)
    assert f["type"] == "error", f
    ws_b.expect_none("typing")
