"""IRC guests (--guests on): people without an account, under a nick no
account owns, in the same rooms as everyone; gone when they disconnect."""

from conftest import Ctx, http, body_of, unique_name
from parley_irc import IrcClient


def guest(server, nick, expect_welcome=True):
    irc = IrcClient(server)
    irc.send(f"NICK {nick}")
    irc.send("USER guest 0 * :Visiting")
    if expect_welcome:
        irc.expect("001")
    return irc


def test_guests_chat_with_accounts_and_show_as_guests(server_factory):
    server = server_factory(extra_args=("--irc", "127.0.0.1:0", "--guests", "on"))
    ctx = Ctx(server)
    web, ws = ctx.online("web")
    nick = unique_name("g")
    irc = guest(server, nick)
    irc.send("JOIN #general")
    irc.expect("366", lambda m: m[3][1] == "#general")
    joined = ws.expect("joined", lambda f: f["user"]["username"] == nick)
    assert joined["user"]["guest"] is True
    irc.send("PRIVMSG #general :hello from a guest")
    got = ws.expect("message")["message"]
    assert got["text"] == "hello from a guest" and got["from"] == joined["user"]["id"]
    ws.ok("send", room="general", text="welcome")
    irc.expect("PRIVMSG", lambda m: m[3][1] == "welcome")
    # The guest can't take an account's nick, and another guest can't take theirs.
    clash = guest(server, web.username, expect_welcome=False)
    clash.expect("433")
    clash.send(f"NICK {unique_name('h')}")  # a free one works
    clash.expect("001")
    twin = guest(server, nick.upper(), expect_welcome=False)
    twin.expect("433")
    online = body_of(http(server, "GET", "/api/v1/users?online=true", token=web.token))["users"]
    assert any(u["username"] == nick and u.get("guest") for u in online)
    # Leaving ends the visit: the guest leaves its rooms, and the nick is free again.
    irc.send("QUIT :bye")
    irc.closed()
    left = ws.expect("left", lambda f: f["user_id"] == joined["user"]["id"])
    assert left["room"] == "general"
    again = guest(server, nick)
    history = body_of(http(server, "GET", "/api/v1/rooms/general/messages", token=web.token))
    assert any(m["text"] == "hello from a guest" for m in history["messages"])
    everyone = body_of(http(server, "GET", "/api/v1/users", token=web.token))["users"]
    assert [u["id"] for u in everyone if u["username"] == nick] != [joined["user"]["id"]]
    # A guest nick stays free for a real account too.
    ctx.user(username=nick)
    for c in (clash, twin, again):
        c.close()
    ctx.close_all()


def test_without_guests_on_an_unsigned_client_is_refused(server_factory):
    server = server_factory(extra_args=("--irc", "127.0.0.1:0"))
    irc = guest(server, unique_name("g"), expect_welcome=False)
    irc.expect("464")
    irc.expect("ERROR")
    assert irc.closed()
    irc.close()
