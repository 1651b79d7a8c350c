"""IRC sign-ins that skip password hashing: a password verified lately, and a
session token given in place of the password (docs/protocol.md §12)."""

import base64

from conftest import assert_error, http, login
from parley_irc import IrcClient

NEW_PASSWORD = "new-password-456"


def change_password(server, token, old, new):
    r = http(server, "POST", "/api/v1/me/password", token,
             json_body={"old_password": old, "new_password": new})
    assert r.status_code == 204, r.text


def sasl_refused(irc, username, secret):
    """SASL PLAIN with a bad secret: 904, and the connection stays open for another try."""
    irc.send("CAP LS 302")
    irc.expect("CAP", lambda m: m[3][1] == "LS")
    irc.send("CAP REQ :sasl")
    irc.expect("CAP", lambda m: m[3][1] == "ACK")
    irc.send("AUTHENTICATE PLAIN")
    irc.expect("AUTHENTICATE")
    blob = base64.b64encode(f"\0{username}\0{secret}".encode()).decode()
    irc.send(f"AUTHENTICATE {blob}")
    return irc.expect("904")


def count(server, needle):
    return sum(needle in line for line in list(server.lines))


def test_second_sasl_sign_in_skips_hashing_and_a_wrong_password_still_fails(irc_ctx):
    server, make, ctx = irc_ctx
    acct = ctx.user("ircc")
    remembered = f"event=sign_in user={acct.id} by=remembered_password"
    # Registering verified nothing: the first sign-in pays argon2 ...
    assert make().register_sasl(acct.username, acct.password)[3][0] == acct.username
    assert count(server, remembered) == 0
    # ... and the next one, same name and password, doesn't.
    assert make().register_sasl(acct.username, acct.password)[3][0] == acct.username
    assert server.logged(remembered)
    sasl_refused(make(), acct.username, acct.password + "x")
    # PASS uses the same path.
    assert make().register_pass(acct.username, acct.password)[3][0] == acct.username
    assert count(server, remembered) == 2


def test_after_a_password_change_the_old_password_fails(irc_ctx):
    server, make, ctx = irc_ctx
    acct = ctx.user("ircn")
    make().register_sasl(acct.username, acct.password)
    make().register_sasl(acct.username, acct.password)  # remembered now
    change_password(server, acct.token, acct.password, NEW_PASSWORD)
    sasl_refused(make(), acct.username, acct.password)
    assert make().register_sasl(acct.username, NEW_PASSWORD)[3][0] == acct.username


def test_deleted_account_is_refused_though_remembered(irc_ctx):
    server, make, ctx = irc_ctx
    acct = ctx.user("ircd")
    make().register_sasl(acct.username, acct.password)
    r = http(server, "DELETE", "/api/v1/me", acct.token, json_body={"password": acct.password})
    assert r.status_code == 204, r.text
    sasl_refused(make(), acct.username, acct.password)


def test_banned_account_is_refused_though_remembered(irc_ctx):
    server, make, ctx = irc_ctx
    admin = ctx.admin()
    acct = ctx.user("ircb")
    make().register_sasl(acct.username, acct.password)
    ws = ctx.ws(admin)
    ws.ok("ban", user_id=acct.id)
    sasl_refused(make(), acct.username, acct.password)


def test_session_token_signs_in_and_ends_with_its_session(irc_ctx):
    server, make, ctx = irc_ctx
    acct = ctx.user("irct")
    token, _ = login(server, acct.username, acct.password)
    irc = make()
    assert irc.register_sasl(acct.username, token)[3][0] == acct.username
    assert server.logged(f"event=sign_in user={acct.id} by=token")
    assert make().register_pass(acct.username, token)[3][0] == acct.username
    irc.expect("366")
    # Logging the token out closes the IRC connections it signed in.
    assert http(server, "POST", "/api/v1/logout", token).status_code == 204
    irc.expect("ERROR")
    assert irc.closed()
    sasl_refused(make(), acct.username, token)
    assert_error(http(server, "GET", "/api/v1/me", token), 401, "unauthorized")


def test_token_of_someone_else_or_unknown_is_refused(irc_ctx):
    server, make, ctx = irc_ctx
    alice = ctx.user("irca")
    bob = ctx.user("ircz")
    sasl_refused(make(), alice.username, bob.token)
    sasl_refused(make(), alice.username, "A" * 43)
    # A password that merely looks like a token still works as a password.
    looks_like_a_token = "b" * 43
    carol = ctx.user("ircl", password=looks_like_a_token)
    assert make().register_sasl(carol.username, looks_like_a_token)[3][0] == carol.username


def test_sign_ins_of_closed_connections_are_not_hashed(irc_ctx):
    server, make, ctx = irc_ctx
    acct = ctx.user("ircq")
    # The hashing pool has two threads and each hash takes tens of ms: most of
    # these are still queued when their connection closes.
    clients = [make() for _ in range(8)]
    for irc in clients:
        irc.send(f"PASS {acct.username}:not-the-password")
        irc.send(f"NICK {acct.username}")
        irc.send("USER u 0 * :x")
    for irc in clients:
        irc.close()
    assert server.logged("event=sign_in_skipped reason=connection_closed"), server.log_tail(40)
    # The server goes on signing people in.
    assert make().register_sasl(acct.username, acct.password)[3][0] == acct.username
