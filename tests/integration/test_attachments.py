"""Messages that carry files: send and send_dm with attachments, the checks on
them, history over HTTP and WebSocket, and the links IRC users get."""

import pytest

from conftest import Ctx, assert_ws_error, expect_status, http
from parley_irc import IrcClient
from test_files import uploaded


def test_send_carries_attachments_to_the_room_and_into_history(ctx):
    alice, alice_ws = ctx.online("alice")
    bob, bob_ws = ctx.online("bob")
    files = [uploaded(ctx.server, alice.token, bytes([i]) * 10, f"f{i}.txt") for i in range(2)]
    sent = alice_ws.ok("send", room="general", text="two files",
                       attachments=[f["id"] for f in files])["message"]
    assert sent["attachments"] == files
    got = bob_ws.expect("message", lambda f: f["message"]["id"] == sent["id"])["message"]
    assert got["attachments"] == files
    history = expect_status(http(ctx.server, "GET", "/api/v1/rooms/general/messages", bob.token),
                            200)["messages"]
    assert [m for m in history if m["id"] == sent["id"]][0]["attachments"] == files
    ws_history = bob_ws.ok("history", room="general")["messages"]
    assert [m for m in ws_history if m["id"] == sent["id"]][0]["attachments"] == files
    plain = alice_ws.ok("send", room="general", text="no files")["message"]
    assert plain["attachments"] == []


def test_send_dm_carries_attachments_and_text_may_be_empty(ctx):
    alice, alice_ws = ctx.online("alice")
    bob, bob_ws = ctx.online("bob")
    file = uploaded(ctx.server, alice.token, b"for bob", "bob.txt")
    sent = alice_ws.ok("send_dm", to=bob.id, text="", attachments=[file["id"]])["message"]
    assert sent["text"] == "" and sent["attachments"] == [file]
    bob_ws.expect("message", lambda f: f["message"]["attachments"] == [file])
    history = bob_ws.ok("history", **{"with": alice.id})["messages"]
    assert history[-1]["attachments"] == [file]


def test_attachments_must_be_the_senders_own_files(ctx):
    alice, alice_ws = ctx.online("alice")
    bob = ctx.user("bob")
    theirs = uploaded(ctx.server, bob.token, b"bob's", "bob.txt")
    mine = uploaded(ctx.server, alice.token, b"mine", "mine.txt")
    for attachments in ([theirs["id"]], [987654], [mine["id"], mine["id"]],
                        [mine["id"]] * 11):
        frame = alice_ws.call("send", room="general", text="x", attachments=attachments)
        assert_ws_error(frame, "bad_attachment")
        frame = alice_ws.call("send_dm", to=bob.id, text="x", attachments=attachments)
        assert_ws_error(frame, "bad_attachment")
    assert_ws_error(alice_ws.call("send", room="general", text="x", attachments=["1"]),
                    "bad_request")
    assert_ws_error(alice_ws.call("send", room="general", text=""), "invalid_text")
    assert_ws_error(alice_ws.call("send", room="general", text="x" * 4001,
                                  attachments=[mine["id"]]), "invalid_text")
    ten = [uploaded(ctx.server, alice.token, bytes([i]), f"{i}.txt")["id"] for i in range(10)]
    assert len(alice_ws.ok("send", room="general", text="", attachments=ten)["message"][
        "attachments"]) == 10


@pytest.fixture
def irc_server(server_factory):
    return server_factory(extra_args=("--irc", "127.0.0.1:0", "--public-url",
                                      "https://chat.example.com/"))


def test_irc_users_get_a_link_to_each_attachment(irc_server):
    ctx = Ctx(irc_server)
    alice, alice_ws = ctx.online("alice")
    bob = ctx.user("bob")
    irc = IrcClient(irc_server)
    try:
        irc.register_pass(bob.username, bob.password)
        irc.expect("366")
        file = uploaded(irc_server, alice.token, b"hello irc", "r\u00e9sum\u00e9 v2.pdf")
        alice_ws.ok("send", room="general", text="my cv", attachments=[file["id"]])
        irc.expect("PRIVMSG", lambda m: m[3] == ["#general", "my cv"])
        link = irc.expect("PRIVMSG", lambda m: m[3][0] == "#general")[3][1]
        assert link == f"{file['name']} (9 B) https://chat.example.com{file['url']}", link
        alice_ws.ok("send_dm", to=bob.id, text="", attachments=[file["id"]])
        dm = irc.expect("PRIVMSG", lambda m: m[3][0] == bob.username)[3][1]
        assert dm.endswith("https://chat.example.com" + file["url"]), dm
        # History carries the links too: the JOIN replay and CHATHISTORY.
        late = IrcClient(irc_server)
        late.register_sasl(bob.username, bob.password,
                           caps=("sasl", "batch", "draft/chathistory"))
        late.expect("366")
        late.send("CHATHISTORY LATEST #general * 5")
        late.expect("PRIVMSG", lambda m: m[3] == ["#general", "my cv"] and "batch" in m[0])
        replayed = late.expect("PRIVMSG", lambda m: m[3][0] == "#general" and "batch" in m[0])
        assert replayed[3][1] == link
        late.close()
        plain = IrcClient(irc_server)
        plain.register_pass(bob.username, bob.password)
        plain.expect("PRIVMSG", lambda m: m[3][1] == link)  # the replay on JOIN
        plain.close()
    finally:
        irc.close()
        ctx.close_all()
