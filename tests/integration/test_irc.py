"""The IRC gateway: IRC clients and web clients in the same rooms, both ways."""

import pytest

from conftest import unique_room
from parley_irc import IrcClient
from parley_irc import signed_in as registered


def test_pass_login_welcomes_and_joins_the_accounts_rooms(irc_ctx):
    server, make, ctx = irc_ctx
    acct = ctx.user("ircp")
    irc = make()
    welcome = irc.register_pass(acct.username, acct.password)
    assert welcome[3][0] == acct.username
    irc.expect("005", lambda m: "CASEMAPPING=ascii" in m[3])
    irc.expect("JOIN", lambda m: m[3][0] == "#general")
    names = irc.expect("353", lambda m: m[3][2] == "#general")
    assert acct.username in names[3][3].split()
    irc.expect("366")


def test_sasl_plain_login(irc_ctx):
    server, make, ctx = irc_ctx
    acct = ctx.user("ircs")
    irc = make()
    welcome = irc.register_sasl(acct.username, acct.password)
    assert welcome[3][0] == acct.username


def test_wrong_password_is_refused_and_closed(irc_ctx):
    server, make, ctx = irc_ctx
    acct = ctx.user("ircw")
    irc = make()
    irc.send(f"PASS {acct.username}:wrong-password")
    irc.send(f"NICK {acct.username}")
    irc.send("USER u 0 * :x")
    irc.expect("464")
    irc.expect("ERROR")
    assert irc.closed()


def test_commands_before_registration_are_refused(irc_ctx):
    _, make, _ = irc_ctx
    irc = make()
    irc.send("JOIN #general")
    irc.expect("451")


def test_messages_flow_both_ways_between_irc_and_web(irc_ctx):
    server, make, ctx = irc_ctx
    web, ws = ctx.online("web")
    acct = ctx.user("irc")
    irc = registered(make, acct)
    irc.send("PRIVMSG #general :hello from irc")
    got = ws.expect("message", lambda f: f["message"]["text"] == "hello from irc")
    assert got["message"]["from"] == acct.id and got["message"]["room"] == "general"
    ws.ok("send", room="general", text="hello from web")
    msg = irc.expect("PRIVMSG", lambda m: m[3][1] == "hello from web")
    assert msg[1].startswith(web.username + "!") and msg[3][0] == "#general"


def test_line_breaks_from_the_web_never_inject_irc_lines(irc_ctx):
    server, make, ctx = irc_ctx
    web, ws = ctx.online("web")
    acct = ctx.user("irc")
    irc = registered(make, acct)
    ws.ok("send", room="general", text="first\r\nQUIT :gotcha\nsecond")
    texts = [irc.expect("PRIVMSG")[3][1] for _ in range(3)]
    assert texts == ["first", "QUIT :gotcha", "second"]


def test_direct_messages_both_ways(irc_ctx):
    server, make, ctx = irc_ctx
    web, ws = ctx.online("web")
    acct = ctx.user("irc")
    irc = registered(make, acct)
    irc.send(f"PRIVMSG {web.username} :psst")
    got = ws.expect("message", lambda f: f["message"]["text"] == "psst")
    assert got["message"]["to"] == web.id
    ws.ok("send_dm", to=acct.id, text="hi back")
    msg = irc.expect("PRIVMSG", lambda m: m[3][1] == "hi back")
    assert msg[3][0] == acct.username
    irc.send("PRIVMSG nobody-here :x")
    irc.expect("401")


def test_join_replays_history_and_creates_rooms(irc_ctx):
    server, make, ctx = irc_ctx
    web, ws = ctx.online("web")
    room = unique_room("irc")
    ws.ok("join", room=room)
    for i in range(3):
        ws.ok("send", room=room, text=f"earlier {i}")
    acct = ctx.user("irc")
    irc = registered(make, acct)
    irc.send(f"JOIN #{room}")
    irc.expect("JOIN", lambda m: m[3][0] == f"#{room}")
    replay = [irc.expect("PRIVMSG", lambda m: m[3][0] == f"#{room}")[3][1] for _ in range(3)]
    assert replay == ["earlier 0", "earlier 1", "earlier 2"]
    joined = ws.expect("joined", lambda f: f["room"] == room)
    assert joined["user"]["id"] == acct.id
    fresh = unique_room("new")
    irc.send(f"JOIN #{fresh}")
    irc.expect("JOIN", lambda m: m[3][0] == f"#{fresh}")
    members = ws.ok("members", room=fresh)["members"]
    assert [u["id"] for u in members] == [acct.id]


def test_part_and_names(irc_ctx):
    server, make, ctx = irc_ctx
    web, ws = ctx.online("web")
    acct = ctx.user("irc")
    irc = registered(make, acct)
    irc.send("NAMES #general")
    names = irc.expect("353")
    assert web.username in names[3][3].split()
    irc.send("PART #general")
    irc.expect("PART", lambda m: m[3][0] == "#general")
    left = ws.expect("left", lambda f: f["room"] == "general")
    assert left["user_id"] == acct.id


def test_ping_and_unknown_command(irc_ctx):
    server, make, ctx = irc_ctx
    acct = ctx.user("irc")
    irc = registered(make, acct)
    irc.send("PING :abc")
    assert irc.expect("PONG")[3][-1] == "abc"
    irc.send("FROBNICATE x")
    irc.expect("421")
    irc.send("PRIVMSG #general :")
    irc.expect("412")
    irc.send("PRIVMSG #general :" + "x" * 600)
    irc.expect("417")


def test_kick_from_the_web_reaches_irc(irc_ctx):
    server, make, ctx = irc_ctx
    admin = ctx.admin()
    ws_admin = ctx.ws(admin)
    acct = ctx.user("irc")
    irc = registered(make, acct)
    ws_admin.ok("kick", room="general", user_id=acct.id, reason="be nice")
    kick = irc.expect("KICK")
    assert kick[3][:3] == ["#general", acct.username, "be nice"]


def test_admin_kicks_from_irc(irc_ctx):
    server, make, ctx = irc_ctx
    admin = ctx.admin()
    target, ws_target = ctx.online("kicked")
    watcher, ws_watch = ctx.online("watch")
    irc = registered(make, admin)
    irc.send(f"KICK #general {target.username} :spam")
    kick = irc.expect("KICK")
    assert kick[3] == ["#general", target.username, "spam"]
    got = ws_target.expect("kicked")
    assert got["room"] == "general" and got["reason"] == "spam" and got["by"] == admin.id
    left = ws_watch.expect("left", lambda f: f["user_id"] == target.id)
    assert left["reason"] == "kicked"


def test_members_get_482_and_481(irc_ctx):
    server, make, ctx = irc_ctx
    member = ctx.user("member")
    other = ctx.user("other")
    irc = registered(make, member)
    irc.send(f"KICK #general {other.username} :x")
    irc.expect("482")
    irc.send(f"KILL {other.username} :x")
    irc.expect("481")


def test_mode_plus_b_bans_from_the_room_and_minus_b_lifts_it(irc_ctx):
    server, make, ctx = irc_ctx
    admin = ctx.admin()
    target, ws_target = ctx.online("banned")
    irc = registered(make, admin)
    irc.send(f"MODE #general +b {target.username}!*@*")
    irc.expect("MODE", lambda m: m[3][:2] == ["#general", "+b"])
    assert ws_target.expect("kicked")["banned"] is True
    ws_target.err("join", "banned", room="general")
    irc.send(f"MODE #general -b {target.username}")
    irc.expect("MODE", lambda m: m[3][:2] == ["#general", "-b"])
    ws_target.ok("join", room="general")


def test_kill_bans_from_the_server(irc_ctx):
    server, make, ctx = irc_ctx
    admin = ctx.admin()
    target, ws_target = ctx.online("killed")
    irc = registered(make, admin)
    irc.send(f"KILL {target.username} :go away")
    irc.expect("NOTICE", lambda m: "banned" in m[3][-1])
    assert ws_target.expect("banned")["reason"] == "go away"
    ws_target.closed_with(4003)


def test_topic_who_mode_queries(irc_ctx):
    server, make, ctx = irc_ctx
    web, _ = ctx.online("web")
    acct = ctx.user("irc")
    irc = registered(make, acct)
    irc.send("TOPIC #general")
    assert irc.expect("332")[3][1:] == ["#general", "General discussion"]
    irc.send("WHO #general")
    rows = []
    while True:
        msg = irc.expect("352", timeout=2) if len(rows) < 2 else None
        if msg is None:
            break
        rows.append(msg[3][5])
    irc.expect("315")
    assert {web.username, acct.username} <= set(rows)
    irc.send("MODE #general")
    assert irc.expect("324")[3][1:] == ["#general", "+nt"]


def test_list_and_whois(irc_ctx):
    server, make, ctx = irc_ctx
    web, ws = ctx.online("web")
    room = unique_room("listed")
    ws.ok("join", room=room)
    acct = ctx.user("irc")
    irc = registered(make, acct)
    irc.send("LIST")
    irc.expect("321")
    rows = {}
    while True:
        msg = irc.expect("322", timeout=2) if len(rows) < 2 else None
        if msg is None:
            break
        rows[msg[3][1]] = int(msg[3][2])
    irc.expect("323")
    assert rows[f"#{room}"] == 1
    irc.send(f"WHOIS {web.username}")
    user = irc.expect("311")
    assert user[3][1] == web.username
    chans = irc.expect("319")
    assert f"#{room}" in chans[3][2].split()
    irc.expect("318")
    irc.send("WHOIS nobody-at-all")
    irc.expect("401")
    irc.expect("318")


def test_user_mode_plus_i_is_accepted_quietly(irc_ctx):
    server, make, ctx = irc_ctx
    acct = ctx.user("irc")
    irc = registered(make, acct)
    irc.send(f"MODE {acct.username} +i")
    assert irc.expect("MODE")[3] == [acct.username, "+i"]
    irc.send(f"MODE {acct.username} +w")
    irc.expect("501")


def test_server_password_guards_the_door(server_factory, tmp_path):
    from conftest import Ctx
    config = tmp_path / "parley.toml"
    config.write_text('[irc_server]\npassword = "letmein"\n')
    server = server_factory(extra_args=("--irc", "127.0.0.1:0", "--config", str(config)))
    ctx = Ctx(server)
    acct = ctx.user("irc")
    wrong = IrcClient(server)
    wrong.send("PASS nope")
    wrong.send(f"NICK {acct.username}")
    wrong.send("USER u 0 * :x")
    wrong.expect("464")
    assert wrong.closed()
    right = IrcClient(server)
    right.send("PASS letmein")
    assert right.register_sasl(acct.username, acct.password)[3][0] == acct.username
    wrong.close()
    right.close()


def signed_in_with_limits_on(server_factory, prefix):
    """A client signed in to a server with flood control on (the default)."""
    from conftest import Ctx
    server = server_factory(limits="on", extra_args=("--irc", "127.0.0.1:0"))
    acct = Ctx(server).user(prefix)
    irc = IrcClient(server)
    irc.register_pass(acct.username, acct.password)
    return irc


def test_flooding_without_limits_off_is_cut(server_factory):
    irc = signed_in_with_limits_on(server_factory, "flood")
    irc.sock.sendall(b"".join(b"PING :x%d\r\n" % i for i in range(300)))
    irc.expect("ERROR", lambda m: "Excess Flood" in m[3][0])
    assert irc.closed()
    irc.close()


def test_a_paste_is_slowed_down_not_cut(server_factory):
    # Fake lag: past the burst, lines wait their turn at the steady rate
    # (5 a second), in order, and the connection stays open.
    irc = signed_in_with_limits_on(server_factory, "paste")
    irc.expect("366")
    irc.sock.sendall(b"".join(b"PING :p%d\r\n" % i for i in range(50)))
    tokens = [irc.expect("PONG", timeout=10)[3][-1] for _ in range(50)]
    assert tokens == [f"p{i}" for i in range(50)]
    irc.send("PING :still-here")
    irc.expect("PONG", lambda m: m[3][-1] == "still-here", timeout=10)
    irc.close()


def test_chathistory_pages_by_msgid_in_a_batch(irc_ctx):
    server, make, ctx = irc_ctx
    web, ws = ctx.online("web")
    room = unique_room("hist")
    ws.ok("join", room=room)
    ids = [ws.ok("send", room=room, text=f"m{i}")["message"]["id"] for i in range(6)]
    acct = ctx.user("irc")
    irc = make()
    irc.register_sasl(acct.username, acct.password,
                      caps=("sasl", "batch", "draft/chathistory", "server-time", "message-tags"))
    irc.expect("005", lambda m: any(p == "CHATHISTORY=100" for p in m[3]))
    irc.send(f"CHATHISTORY LATEST #{room} * 3")
    start = irc.expect("BATCH", lambda m: m[3][0].startswith("+"))
    assert start[3][1:] == ["chathistory", f"#{room}"]
    ref = start[3][0][1:]
    got = [irc.expect("PRIVMSG", lambda m: m[0].get("batch") == ref) for _ in range(3)]
    assert [m[3][1] for m in got] == ["m3", "m4", "m5"]
    assert [int(m[0]["msgid"]) for m in got] == ids[3:]
    assert all("time" in m[0] for m in got)
    irc.expect("BATCH", lambda m: m[3][0] == "-" + ref)
    irc.send(f"CHATHISTORY BEFORE #{room} msgid={ids[3]} 2")
    ref = irc.expect("BATCH", lambda m: m[3][0].startswith("+"))[3][0][1:]
    assert [irc.expect("PRIVMSG")[3][1] for _ in range(2)] == ["m1", "m2"]
    irc.expect("BATCH", lambda m: m[3][0] == "-" + ref)
    irc.send(f"CHATHISTORY AFTER #{room} msgid={ids[4]} 10")
    irc.expect("BATCH", lambda m: m[3][0].startswith("+"))
    assert irc.expect("PRIVMSG")[3][1] == "m5"
    irc.send(f"CHATHISTORY BETWEEN #{room} msgid={ids[4]} msgid={ids[0]} 10")
    ref = irc.expect("BATCH", lambda m: m[3][0].startswith("+"))[3][0][1:]
    assert [irc.expect("PRIVMSG")[3][1] for _ in range(3)] == ["m1", "m2", "m3"]
    irc.expect("BATCH", lambda m: m[3][0] == "-" + ref)
    irc.send(f"CHATHISTORY AROUND #{room} msgid={ids[2]} 3")
    ref = irc.expect("BATCH", lambda m: m[3][0].startswith("+"))[3][0][1:]
    assert [irc.expect("PRIVMSG")[3][1] for _ in range(3)] == ["m1", "m2", "m3"]
    irc.expect("BATCH", lambda m: m[3][0] == "-" + ref)
    irc.send(f"CHATHISTORY AROUND #{room} msgid=x 3")
    assert irc.expect("FAIL")[3][:2] == ["CHATHISTORY", "INVALID_PARAMS"]
    ws.ok("send_dm", to=acct.id, text="dm one")
    irc.expect("PRIVMSG", lambda m: m[3][1] == "dm one")
    irc.send(f"CHATHISTORY LATEST {web.username} * 5")
    ref = irc.expect("BATCH", lambda m: m[3][0].startswith("+"))[3][0][1:]
    dm = irc.expect("PRIVMSG", lambda m: m[0].get("batch") == ref)
    assert dm[3] == [acct.username, "dm one"] and dm[1].startswith(web.username + "!")
    # Live messages carry their msgid too, so a client can page back from them.
    ws.ok("send", room="general", text="live")
    live = irc.expect("PRIVMSG", lambda m: m[3][1] == "live")
    assert int(live[0]["msgid"]) > ids[-1]


def test_chathistory_by_timestamp_and_targets(irc_ctx):
    server, make, ctx = irc_ctx
    web, ws = ctx.online("web")
    room = unique_room("ts")
    ws.ok("join", room=room)
    sent = [ws.ok("send", room=room, text=f"t{i}")["message"] for i in range(4)]
    acct = ctx.user("irc")
    ws.ok("send_dm", to=acct.id, text="hello there")
    irc = make()
    irc.register_sasl(acct.username, acct.password,
                      caps=("sasl", "batch", "draft/chathistory", "server-time", "message-tags"))
    irc.send(f"JOIN #{room}")
    irc.expect("366", lambda m: m[3][1] == f"#{room}")

    def stamp(ms):
        import datetime
        t = datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc)
        return "timestamp=" + t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"

    def page(command, count):
        irc.send(command)
        ref = irc.expect("BATCH", lambda m: m[3][0].startswith("+"))[3][0][1:]
        texts = [irc.expect("PRIVMSG", lambda m: m[0].get("batch") == ref)[3][1] for _ in range(count)]
        irc.expect("BATCH", lambda m: m[3][0] == "-" + ref)
        return texts

    # Times are compared strictly, as the draft says (two messages may share a millisecond).
    def texts(pred, limit=10):
        return [m["text"] for m in sent if pred(m["ts"])][:limit]

    t2 = sent[2]["ts"]
    expected = texts(lambda ts: ts <= t2)
    assert page(f"CHATHISTORY BEFORE #{room} {stamp(t2 + 1)} 10", len(expected)) == expected
    t0 = sent[0]["ts"]
    expected = texts(lambda ts: ts > t0, 2)
    assert page(f"CHATHISTORY AFTER #{room} {stamp(t0)} 2", len(expected)) == expected
    assert page(f"CHATHISTORY BETWEEN #{room} {stamp(t0 - 1)} "
                f"{stamp(sent[3]['ts'] + 1)} 10", 4) == ["t0", "t1", "t2", "t3"]
    irc.send(f"CHATHISTORY BEFORE #{room} timestamp=yesterday 10")
    assert irc.expect("FAIL")[3][:2] == ["CHATHISTORY", "INVALID_PARAMS"]
    # TARGETS: the channel and the direct conversation with activity in the window.
    irc.send(f"CHATHISTORY TARGETS {stamp(sent[0]['ts'] - 1000)} {stamp(sent[-1]['ts'] + 60000)} 10")
    ref = irc.expect("BATCH", lambda m: m[3][0].startswith("+"))
    assert ref[3][1] == "draft/chathistory-targets"
    targets = []
    while True:
        m = irc.expect(None, lambda m: m[2] in ("CHATHISTORY", "BATCH"))
        if m[2] == "BATCH":
            break
        targets.append(m[3][1])
    assert f"#{room}" in targets and web.username in targets
    irc.send(f"CHATHISTORY TARGETS {stamp(1000)} {stamp(2000)} 10")
    ref = irc.expect("BATCH", lambda m: m[3][0].startswith("+"))[3][0][1:]
    end = irc.expect(None, lambda m: m[2] in ("CHATHISTORY", "BATCH"))
    assert end[2] == "BATCH" and end[3][0] == "-" + ref


def test_setname_whowas_oper(irc_ctx):
    server, make, ctx = irc_ctx
    web, ws = ctx.online("web")
    acct = ctx.user("irc")
    irc = make()
    irc.register_sasl(acct.username, acct.password, caps=("sasl", "setname"))
    irc.send("SETNAME :Iris Rc")
    assert irc.expect("SETNAME")[3] == ["Iris Rc"]
    changed = ws.expect("user", lambda f: f["user"]["id"] == acct.id)
    assert changed["user"]["display_name"] == "Iris Rc"
    ws.ok("send", room="general", text="x")  # any later web event still flows
    irc.send(f"WHOWAS {web.username}")
    assert irc.expect("314")[3][1] == web.username
    irc.expect("369")
    irc.send("WHOWAS never-was")
    irc.expect("406")
    irc.send("OPER a b")
    irc.expect("491")
    admin_irc = make()
    admin = ctx.admin()
    admin_irc.register_pass(admin.username, admin.password)
    admin_irc.send("OPER a b")
    admin_irc.expect("381")


def test_invite_reaches_web_and_irc(irc_ctx):
    server, make, ctx = irc_ctx
    web, ws = ctx.online("web")
    acct = ctx.user("irc")
    irc = registered(make, acct)
    room = unique_room("inv")
    irc.send(f"JOIN #{room}")
    irc.expect("366")
    irc.send(f"INVITE {web.username} #{room}")
    irc.expect("341")
    got = ws.expect("invited")
    assert got["room"] == room and got["by"] == acct.id
    irc.send(f"INVITE {web.username} #general")
    irc.expect("443")
    ws.ok("join", room=room)
    other = ctx.user("other")
    ws.ok("invite", room=room, user_id=other.id)
    irc2 = registered(make, other)
    ws.ok("invite", room=room, user_id=other.id)
    inv = irc2.expect("INVITE")
    assert inv[3] == [other.username, f"#{room}"] and inv[1].startswith(web.username + "!")


def test_register_creates_a_parley_account_before_connect(irc_ctx):
    from conftest import login, unique_name
    server, make, ctx = irc_ctx
    name = unique_name("newbie")
    irc = make()
    irc.send("CAP LS 302")
    irc.send(f"NICK {name}")
    irc.send("USER u 0 * :New")
    irc.expect("CAP", lambda m: "draft/account-registration=before-connect" in m[3][-1])
    irc.send("CAP REQ :draft/account-registration")
    irc.expect("CAP", lambda m: m[3][1] == "ACK")
    irc.send("REGISTER * * short")
    assert irc.expect("FAIL")[3][:2] == ["REGISTER", "WEAK_PASSWORD"]
    irc.send("REGISTER * * a-good-password")
    assert irc.expect("REGISTER")[3][:2] == ["SUCCESS", name]
    irc.expect("900")
    irc.send("CAP END")
    assert irc.expect("001")[3][0] == name
    token, user = login(server, name, "a-good-password")   # a real Parley account
    assert user["username"] == name
    again = make()
    again.send("CAP LS 302")
    again.send(f"REGISTER {name} * another-password")
    assert again.expect("FAIL")[3][:2] == ["REGISTER", "ACCOUNT_EXISTS"]


def test_configured_oper_gains_admin_powers_on_that_connection(server_factory, tmp_path):
    from conftest import Ctx
    config = tmp_path / "parley.toml"
    config.write_text('[[irc_server.opers]]\nname = "boss"\npassword = "opersecret"\n')
    server = server_factory(extra_args=("--irc", "127.0.0.1:0", "--config", str(config)))
    ctx = Ctx(server)
    member = ctx.user("member")
    target, ws_target = ctx.online("target")
    irc = IrcClient(server)
    irc.register_pass(member.username, member.password)
    irc.expect("366")
    irc.send(f"KICK #general {target.username} :x")
    irc.expect("482")
    irc.send("OPER boss wrong")
    irc.expect("464")
    irc.send("OPER boss opersecret")
    irc.expect("381")
    irc.send(f"KICK #general {target.username} :now I can")
    irc.expect("KICK")
    assert ws_target.expect("kicked")["reason"] == "now I can"
    irc.close()
    ctx.close_all()


def test_monitor_watches_people_come_and_go(irc_ctx):
    server, make, ctx = irc_ctx
    friend = ctx.user("friend")
    acct = ctx.user("irc")
    irc = registered(make, acct)
    irc.expect("005", lambda m: "MONITOR=100" in m[3])
    irc.send(f"MONITOR + {friend.username},nobody-yet")
    offline = irc.expect("731")
    assert set(offline[3][1].split(",")) == {friend.username, "nobody-yet"}
    ws = ctx.ws(friend)
    online = irc.expect("730")
    assert online[3][1].startswith(friend.username + "!")
    irc.send("MONITOR L")
    assert friend.username in irc.expect("732")[3][1].split(",")
    irc.expect("733")
    ws.close()
    assert irc.expect("731")[3][1] == friend.username
    irc.send(f"MONITOR - {friend.username}")
    ctx.ws(friend)
    irc.expect_none("730", timeout=0.7)


def test_silence_is_the_same_list_as_web_blocks(irc_ctx):
    server, make, ctx = irc_ctx
    pest, ws_pest = ctx.online("pest")
    acct = ctx.user("irc")
    irc = registered(make, acct)
    irc.send(f"SILENCE +{pest.username}")
    irc.expect("SILENCE", lambda m: m[3][0] == f"+{pest.username}!*@*")
    ws_pest.ok("send", room="general", text="can you hear me")
    ws_pest.err("send_dm", "blocked", to=acct.id, text="psst")
    irc.expect_none("PRIVMSG", timeout=0.5)
    me = ctx.ws(acct)          # the web sees the same list
    assert me.ready["blocked"] == [pest.id]
    irc.send("SILENCE")
    assert irc.expect("271")[3][1] == f"{pest.username}!*@*"
    irc.expect("272")
    me.ok("unblock", user_id=pest.id)
    irc.send("SILENCE")
    irc.expect("272")
    ws_pest.ok("send", room="general", text="now?")
    irc.expect("PRIVMSG", lambda m: m[3][1] == "now?")


def test_labeled_responses(irc_ctx):
    server, make, ctx = irc_ctx
    acct = ctx.user("irc")
    irc = make()
    irc.register_sasl(acct.username, acct.password, caps=("sasl", "labeled-response", "batch"))
    irc.expect("366")
    irc.send("@label=p1 PING :x")
    pong = irc.expect("PONG")
    assert pong[0]["label"] == "p1"
    irc.send("@label=m1 PRIVMSG #general :no echo, so only an ACK")
    assert irc.expect("ACK")[0]["label"] == "m1"
    room = unique_room("lab")
    irc.send(f"@label=j1 JOIN #{room}")
    start = irc.expect("BATCH", lambda m: m[0].get("label") == "j1")
    assert start[3][1] == "labeled-response"
    ref = start[3][0][1:]
    join = irc.expect("JOIN", lambda m: m[0].get("batch") == ref)
    assert join[3][0] == f"#{room}"
    irc.expect("BATCH", lambda m: m[3][0] == "-" + ref)


def test_typing_both_ways(irc_ctx):
    server, make, ctx = irc_ctx
    web, ws = ctx.online("web")
    acct = ctx.user("irc")
    irc = make()
    irc.register_sasl(acct.username, acct.password, caps=("sasl", "message-tags"))
    irc.expect("366")
    irc.send("@+typing=active TAGMSG #general")
    got = ws.expect("typing")
    assert got["room"] == "general" and got["user_id"] == acct.id
    irc.send("@+typing=done TAGMSG #general")
    irc.expect_none("421", timeout=0.5)
    ws.ok("typing", room="general")
    tag = irc.expect("TAGMSG")
    assert tag[0]["+typing"] == "active" and tag[3][0] == "#general"
