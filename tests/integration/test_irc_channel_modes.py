"""Room settings from both sides: topics, channel modes, room operators and
voiced members, invite-notify. IRC MODE/TOPIC and the web's set_topic,
set_room and set_role are one set of settings."""

from conftest import http, body_of, unique_room
from parley_irc import signed_in


def opened(irc, room):
    """The client opens a new room, and so operates it."""
    irc.send(f"JOIN #{room}")
    names = irc.expect("353", lambda m: m[3][2] == f"#{room}")
    irc.expect("366")
    return names[3][3].split()


def new_room(make, ctx, prefix):
    """(owner, their IRC client, room): a fresh account opens a new room over IRC."""
    owner = ctx.user("owner")
    irc = signed_in(make, owner)
    room = unique_room(prefix)
    opened(irc, room)
    return owner, irc, room


def test_whoever_opens_a_room_operates_it_and_both_sides_see_it(irc_ctx):
    server, make, ctx = irc_ctx
    owner = ctx.user("owner")
    irc = signed_in(make, owner)
    room = unique_room("ops")
    assert opened(irc, room) == ["@" + owner.username]
    web, ws = ctx.online("web")
    joined = ws.ok("join", room=room)
    assert joined["roles"] == {str(owner.id): "op"}
    assert joined["room"]["topic_locked"] is True and joined["room"]["moderated"] is False


def test_topic_set_from_irc_and_from_the_web(irc_ctx):
    server, make, ctx = irc_ctx
    owner, irc, room = new_room(make, ctx, "topic")
    web, ws = ctx.online("web")
    ws.ok("join", room=room)
    # A member can't set a locked topic; the operator can, and everyone hears it.
    ws.err("set_topic", "forbidden", room=room, topic="mine")
    irc.send(f"TOPIC #{room} :Release planning")
    irc.expect("TOPIC", lambda m: m[3] == [f"#{room}", "Release planning"])
    changed = ws.expect("room")
    assert changed["room"]["topic"] == "Release planning"
    assert changed["room"]["topic_by"] == owner.username and changed["by"] == owner.username
    assert changed["by_id"] == owner.id
    irc.send(f"TOPIC #{room}")
    irc.expect("332", lambda m: m[3][1:] == [f"#{room}", "Release planning"])
    irc.expect("333", lambda m: m[3][1:3] == [f"#{room}", owner.username])
    # Unlocked (-t), any member may set it, from the web too.
    irc.send(f"MODE #{room} -t")
    irc.expect("MODE", lambda m: m[3] == [f"#{room}", "-t"])
    ws.ok("set_topic", room=room, topic="Anyone's topic")
    got = irc.expect("TOPIC")
    assert got[3] == [f"#{room}", "Anyone's topic"] and got[1].startswith(web.username + "!")
    ws.err("set_topic", "invalid_field", room=room, topic="two\nlines")
    rooms = body_of(http(server, "GET", "/api/v1/rooms", token=web.token))["rooms"]
    assert [r["topic"] for r in rooms if r["name"] == room] == ["Anyone's topic"]


def test_moderated_rooms_hear_operators_and_voiced_members(irc_ctx):
    server, make, ctx = irc_ctx
    owner, irc, room = new_room(make, ctx, "mod")
    web, ws = ctx.online("web")
    ws.ok("join", room=room)
    talker = ctx.user("talker")
    irc2 = signed_in(make, talker)
    opened(irc2, room)
    irc.send(f"MODE #{room} +m")
    irc.expect("MODE", lambda m: m[3] == [f"#{room}", "+m"])
    assert ws.expect("room")["room"]["moderated"] is True
    ws.err("send", "moderated", room=room, text="hello?")
    irc2.send(f"PRIVMSG #{room} :me too?")
    irc2.expect("404")
    # Voice from the web: the IRC side sees +v, and the voiced member may speak.
    ws2 = ctx.ws(talker)
    ws.err("set_role", "forbidden", room=room, user_id=talker.id, role="voice")
    ws_owner = ctx.ws(owner)
    ws_owner.ok("set_role", room=room, user_id=talker.id, role="voice")
    irc.expect("MODE", lambda m: m[3] == [f"#{room}", "+v", talker.username])
    assert ws.expect("room_role")["role"] == "voice"
    irc2.send(f"PRIVMSG #{room} :now I can")
    assert ws.expect("message")["message"]["text"] == "now I can"
    irc.send(f"NAMES #{room}")
    names = irc.expect("353", lambda m: m[3][2] == f"#{room}")[3][3].split()
    assert "+" + talker.username in names and "@" + owner.username in names
    ws2.ok("send", room=room, text="from the web, voiced")


def test_key_and_limit_from_irc(irc_ctx):
    server, make, ctx = irc_ctx
    owner, irc, room = new_room(make, ctx, "key")
    irc.send(f"MODE #{room} +k sesame")
    irc.expect("MODE", lambda m: m[3] == [f"#{room}", "+k", "sesame"])
    guest = ctx.user("guest")
    irc2 = signed_in(make, guest)
    irc2.send(f"JOIN #{room}")
    assert irc2.expect("475")[3][1] == f"#{room}"
    irc2.send(f"JOIN #{room} sesame")
    irc2.expect("366", lambda m: m[3][1] == f"#{room}")
    irc.send(f"MODE #{room}")
    assert irc.expect("324")[3][1:] == [f"#{room}", "+ntk", "sesame"]
    # Full at two members; the web hears the same refusal.
    irc.send(f"MODE #{room} -k+l * 2")
    irc.expect("MODE", lambda m: m[3] == [f"#{room}", "-k+l", "sesame", "2"])
    late, ws = ctx.online("late")
    ws.err("join", "room_full", room=room)
    irc.send(f"MODE #{room} +l many")
    irc.expect("696")


def test_invite_only_rooms(irc_ctx):
    server, make, ctx = irc_ctx
    owner, irc, room = new_room(make, ctx, "inv")
    irc.send(f"MODE #{room} +i")
    irc.expect("MODE", lambda m: m[3] == [f"#{room}", "+i"])
    web, ws = ctx.online("web")
    ws.err("join", "invite_only", room=room)
    other = ctx.user("other")
    irc2 = signed_in(make, other)
    irc2.send(f"JOIN #{room}")
    assert irc2.expect("473")[3][1] == f"#{room}"
    irc.send(f"INVITE {other.username} #{room}")
    irc2.expect("INVITE")
    irc2.send(f"JOIN #{room}")
    irc2.expect("366", lambda m: m[3][1] == f"#{room}")


def test_secret_rooms_are_hidden_from_outsiders(irc_ctx):
    server, make, ctx = irc_ctx
    owner, irc, room = new_room(make, ctx, "sec")
    irc.send(f"MODE #{room} +s")
    irc.expect("MODE", lambda m: m[3] == [f"#{room}", "+s"])
    outsider = ctx.user("out")
    irc2 = signed_in(make, outsider)
    irc2.send("LIST")
    irc2.expect("323")
    assert not any(l.split()[3:4] == [f"#{room}"] for l in irc2.seen if " 322 " in l)
    rooms = body_of(http(server, "GET", "/api/v1/rooms", token=outsider.token))["rooms"]
    assert room not in [r["name"] for r in rooms]
    rooms = body_of(http(server, "GET", "/api/v1/rooms", token=owner.token))["rooms"]
    assert room in [r["name"] for r in rooms]


def test_mode_mistakes_get_their_numerics(irc_ctx):
    server, make, ctx = irc_ctx
    member = ctx.user("member")
    irc = signed_in(make, member)
    irc.send("MODE #general +m")
    irc.expect("482")
    irc.send("MODE #general +x")
    assert irc.expect("472")[3][1] == "x"
    irc.send("MODE #general +o")
    irc.expect("461")
    irc.send("TOPIC #general :mine")
    irc.expect("482")
    room = unique_room("own")
    opened(irc, room)
    irc.send(f"MODE #{room} +v nobody-here")
    irc.expect("401")
    other = ctx.user("other")
    irc.send(f"MODE #{room} +o {other.username}")
    irc.expect("441")


def test_invite_notify_tells_the_room(irc_ctx):
    server, make, ctx = irc_ctx
    owner = ctx.user("owner")
    watcher = ctx.user("watcher")
    irc = signed_in(make, owner)
    room = unique_room("inv")
    opened(irc, room)
    w = make()
    w.register_sasl(watcher.username, watcher.password, caps=("sasl", "invite-notify"))
    w.expect("366")
    w.send(f"JOIN #{room}")
    w.expect("366", lambda m: m[3][1] == f"#{room}")
    plain = ctx.user("plain")
    p = signed_in(make, plain)
    p.send(f"JOIN #{room}")
    p.expect("366", lambda m: m[3][1] == f"#{room}")
    invited = ctx.user("invited")
    irc.send(f"INVITE {invited.username} #{room}")
    irc.expect("341")
    got = w.expect("INVITE")
    assert got[3] == [invited.username, f"#{room}"] and got[1].startswith(owner.username + "!")
    p.expect_none("INVITE")


def test_settings_and_roles_survive_a_restart(irc_ctx):
    server, make, ctx = irc_ctx
    owner, irc, room = new_room(make, ctx, "keep")
    helper = ctx.user("helper")
    irc2 = signed_in(make, helper)
    opened(irc2, room)
    irc.send(f"MODE #{room} +mv {helper.username}")
    irc.expect("MODE", lambda m: m[3] == [f"#{room}", "+v", helper.username])
    irc.send(f"TOPIC #{room} :Kept")
    irc.expect("TOPIC")
    server.restart()
    again = signed_in(make, owner)
    again.expect("332", lambda m: m[3][1:] == [f"#{room}", "Kept"])
    names = again.expect("353", lambda m: m[3][2] == f"#{room}")[3][3].split()
    assert sorted(names) == sorted(["@" + owner.username, "+" + helper.username])
    again.send(f"MODE #{room}")
    assert again.expect("324")[3][1:] == [f"#{room}", "+nmt"]


def test_lusers_counts_people_connections_and_rooms(irc_ctx):
    server, make, ctx = irc_ctx
    web, ws = ctx.online("web")
    acct = ctx.user("irc")
    irc = make()
    irc.register_pass(acct.username, acct.password)
    # Sent at registration, before the MOTD, and on request.
    irc.expect("251")
    irc.expect("376")
    irc.send("LUSERS")
    assert irc.expect("251")[3][1] == "There are 2 users and 0 invisible on 1 servers"
    assert irc.expect("255")[3][1] == "I have 2 clients and 0 servers"
    assert irc.expect("265")[3][1:3] == ["2", "2"]
    stats = ws.ok("stats")
    assert stats["online"] == 2 and stats["connections"] == 2 and stats["rooms"] >= 1


def test_operators_list_and_lift_room_bans(irc_ctx):
    server, make, ctx = irc_ctx
    owner, irc, room = new_room(make, ctx, "bans")
    pest, ws_pest = ctx.online("pest")
    ws_pest.ok("join", room=room)
    irc.send(f"MODE #{room} +b {pest.username}")
    irc.expect("MODE", lambda m: m[3][:2] == [f"#{room}", "+b"])
    irc.send(f"MODE #{room} +b")
    assert irc.expect("367")[3][1:3] == [f"#{room}", f"{pest.username}!*@*"]
    irc.expect("368")
    ws_owner = ctx.ws(owner)
    members = ws_owner.ok("members", room=room)
    assert [u["id"] for u in members["bans"]] == [pest.id]
    ws_pest.err("join", "banned", room=room)
    ws_owner.ok("unban", room=room, user_id=pest.id)
    ws_pest.ok("join", room=room)
