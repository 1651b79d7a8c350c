"""Sessions: logout, password change, account deletion."""

import pytest

from conftest import (DEFAULT_PASSWORD, assert_error, assert_ws_error, expect_status, http,
                      login, login_raw, me, register, register_raw, unique_name)

NEW_PASSWORD = "new-password-456"


def change_password(server, token, old, new):
    return http(server, "POST", "/api/v1/me/password", token,
                json_body={"old_password": old, "new_password": new})


def delete_me(server, token, password):
    return http(server, "DELETE", "/api/v1/me", token, json_body={"password": password})


def assert_token_dead(server, token):
    assert_error(http(server, "GET", "/api/v1/me", token), 401, "unauthorized")


# -- logout -----------------------------------------------------------------

def test_logout_kills_only_that_token(ctx):
    acct = ctx.user("out")
    other_token, _ = login(ctx.server, acct.username)
    r = http(ctx.server, "POST", "/api/v1/logout", acct.token)
    assert r.status_code == 204, r.text
    assert_token_dead(ctx.server, acct.token)
    assert me(ctx.server, other_token)["id"] == acct.id
    # logging out twice: the token is gone
    assert_error(http(ctx.server, "POST", "/api/v1/logout", acct.token), 401, "unauthorized")


def test_logout_closes_that_sessions_websocket(ctx):
    acct = ctx.user("outws")
    other_token, _ = login(ctx.server, acct.username)
    ws_a = ctx.ws(acct)
    ws_b = ctx.ws(other_token)
    assert http(ctx.server, "POST", "/api/v1/logout", acct.token).status_code == 204
    ws_a.closed_with(4001)
    ws_b.assert_usable()
    assert ws_b.ended is None


def test_websocket_auth_with_logged_out_token(ctx):
    acct = ctx.user("outauth")
    assert http(ctx.server, "POST", "/api/v1/logout", acct.token).status_code == 204
    ws = ctx.ws()
    assert_ws_error(ws.auth_raw(acct.token), "unauthorized")
    ws.closed_with(4001)


# -- password change ----------------------------------------------------------

def test_password_change_wrong_old(ctx):
    acct = ctx.user("pwold")
    r = change_password(ctx.server, acct.token, "not-my-password", NEW_PASSWORD)
    assert_error(r, 401, "invalid_credentials")
    login(ctx.server, acct.username, DEFAULT_PASSWORD)
    assert_error(login_raw(ctx.server, acct.username, NEW_PASSWORD), 401, "invalid_credentials")


@pytest.mark.parametrize("new", ["short", "x" * 1025], ids=["too-short", "too-long"])
def test_password_change_bad_new(ctx, new):
    acct = ctx.user("pwbad")
    assert_error(change_password(ctx.server, acct.token, DEFAULT_PASSWORD, new), 400,
                 "invalid_password")
    login(ctx.server, acct.username, DEFAULT_PASSWORD)


def test_password_change_bad_body(ctx):
    acct = ctx.user("pwbody")
    r = http(ctx.server, "POST", "/api/v1/me/password", acct.token, data=b"{oops")
    assert_error(r, 400, "bad_request")
    r = http(ctx.server, "POST", "/api/v1/me/password", acct.token,
             json_body={"old_password": DEFAULT_PASSWORD, "new_password": 123456789})
    assert_error(r, 400, "bad_request")


def test_password_change_revokes_other_sessions(ctx):
    acct = ctx.user("pwok")
    other_token, _ = login(ctx.server, acct.username)
    ws_mine = ctx.ws(acct)
    ws_other = ctx.ws(other_token)
    r = change_password(ctx.server, acct.token, DEFAULT_PASSWORD, NEW_PASSWORD)
    assert r.status_code == 204, r.text
    assert me(ctx.server, acct.token)["id"] == acct.id       # caller keeps working
    assert_token_dead(ctx.server, other_token)
    ws_other.closed_with(4001)
    ws_mine.assert_usable()
    login(ctx.server, acct.username, NEW_PASSWORD)
    assert_error(login_raw(ctx.server, acct.username, DEFAULT_PASSWORD), 401,
                 "invalid_credentials")


# -- account deletion ---------------------------------------------------------

def test_delete_wrong_password(ctx):
    acct = ctx.user("delno")
    assert_error(delete_me(ctx.server, acct.token, "wrong-password"), 401, "invalid_credentials")
    assert me(ctx.server, acct.token)["id"] == acct.id
    login(ctx.server, acct.username)


def test_delete_account(ctx):
    acct = ctx.user("Gone")
    watcher = ctx.user("watcher")
    second_token, _ = login(ctx.server, acct.username)
    ws = ctx.ws(second_token)
    r = delete_me(ctx.server, acct.token, DEFAULT_PASSWORD)
    assert r.status_code == 204, r.text
    assert_token_dead(ctx.server, acct.token)
    assert_token_dead(ctx.server, second_token)
    ws.closed_with(4001)
    assert_error(login_raw(ctx.server, acct.username, DEFAULT_PASSWORD), 401,
                 "invalid_credentials")
    assert_error(http(ctx.server, "GET", f"/api/v1/users/{acct.id}", watcher.token), 404,
                 "not_found")
    # the name stays reserved, in any letter case
    for variant in (acct.username, acct.username.lower()):
        assert_error(register_raw(ctx.server, {"username": variant, "password": DEFAULT_PASSWORD}),
                     409, "username_taken")


def test_deleted_user_id_is_not_reused(ctx):
    gone = ctx.user("reuse")
    assert delete_me(ctx.server, gone.token, DEFAULT_PASSWORD).status_code == 204
    _, fresh = register(ctx.server, unique_name("fresh"))
    assert fresh["id"] != gone.id
    assert fresh["id"] > gone.id


def test_deleted_user_goes_offline(ctx):
    gone, ws_gone = ctx.online("vanish")
    watcher, ws_w = ctx.online("viewer")
    assert delete_me(ctx.server, gone.token, DEFAULT_PASSWORD).status_code == 204
    ws_gone.closed_with(4001)
    ws_w.expect("presence", lambda f: f["user"]["id"] == gone.id and f["online"] is False)
    body = expect_status(http(ctx.server, "GET", "/api/v1/users?online=true", watcher.token), 200)
    assert gone.id not in [u["id"] for u in body["users"]]
