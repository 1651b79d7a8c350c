"""Profiles: GET/PATCH /me, GET /users/{id}, GET /users?online=true."""

import time

import pytest

from conftest import SECRET_WORDS, USER_FIELDS, assert_error, check_user, expect_status, http, me


def patch_me(server, token, **fields):
    return http(server, "PATCH", "/api/v1/me", token, json_body=fields)


def get_user(server, token, uid):
    return expect_status(http(server, "GET", f"/api/v1/users/{uid}", token), 200)["user"]


def online_ids(server, token):
    body = expect_status(http(server, "GET", "/api/v1/users?online=true", token), 200)
    for u in body["users"]:
        check_user(u)
        assert u["online"] is True, u
    return {u["id"] for u in body["users"]}


def wait_online_ids(server, token, expected, timeout=5):
    deadline = time.monotonic() + timeout
    while True:
        got = online_ids(server, token)
        if got == expected or time.monotonic() > deadline:
            assert got == expected
            return
        time.sleep(0.1)


def test_patch_all_fields(ctx):
    acct = ctx.user("patch")
    r = patch_me(ctx.server, acct.token, display_name="Dee", first_name="Delia", last_name="Derbyshire")
    user = expect_status(r, 200)["user"]
    check_user(user)
    assert (user["display_name"], user["first_name"], user["last_name"]) == \
        ("Dee", "Delia", "Derbyshire")
    assert user["username"] == acct.username and user["id"] == acct.id
    assert me(ctx.server, acct.token)["display_name"] == "Dee"


def test_patch_partial_keeps_other_fields(ctx):
    acct = ctx.user("partial", first_name="Ada", last_name="Lovelace")
    user = expect_status(patch_me(ctx.server, acct.token, last_name="King"), 200)["user"]
    assert (user["display_name"], user["first_name"], user["last_name"]) == \
        (acct.username, "Ada", "King")


def test_patch_unicode_round_trip(ctx):
    acct = ctx.user("uni")
    name = "Zo\u00eb \u674e \U0001F600 \"q\" \\"
    expect_status(patch_me(ctx.server, acct.token, display_name=name), 200)
    viewer = ctx.user("viewer")
    assert get_user(ctx.server, viewer.token, acct.id)["display_name"] == name


@pytest.mark.parametrize("field", ["display_name", "first_name", "last_name"])
@pytest.mark.parametrize("value", ["", "   ", "\t\n"], ids=["empty", "spaces", "tabnl"])
def test_patch_empty_value(ctx, field, value):
    acct = ctx.user("empty", first_name="First", last_name="Last")
    assert_error(patch_me(ctx.server, acct.token, **{field: value}), 400, "empty_field")
    current = me(ctx.server, acct.token)
    assert (current["display_name"], current["first_name"], current["last_name"]) == \
        (acct.username, "First", "Last")


@pytest.mark.parametrize("field", ["display_name", "first_name", "last_name"])
def test_patch_length_limit(ctx, field):
    acct = ctx.user("long")
    assert_error(patch_me(ctx.server, acct.token, **{field: "x" * 101}), 400, "invalid_field")
    user = expect_status(patch_me(ctx.server, acct.token, **{field: "y" * 100}), 200)["user"]
    assert user[field] == "y" * 100


def test_patch_wrong_type(ctx):
    acct = ctx.user("ptype")
    assert_error(patch_me(ctx.server, acct.token, display_name=42), 400, "bad_request")
    assert_error(http(ctx.server, "PATCH", "/api/v1/me", acct.token, data=b"{x"), 400,
                 "bad_request")


def test_patch_notifies_other_users(ctx):
    acct, ws_self = ctx.online("notify")
    other, ws_other = ctx.online("listener")
    expect_status(patch_me(ctx.server, acct.token, display_name="Shiny", first_name="New"), 200)
    ev = ws_other.expect("user", lambda f: f["user"]["id"] == acct.id)
    check_user(ev["user"])
    assert ev["user"]["display_name"] == "Shiny"
    assert ev["user"]["first_name"] == "New"
    assert ev["user"]["last_name"] == ""


def test_get_user_by_id(ctx):
    target = ctx.user("target", display_name="Tee", first_name="T", last_name="Arget")
    viewer = ctx.user("viewer")
    r = http(ctx.server, "GET", f"/api/v1/users/{target.id}", viewer.token)
    body = expect_status(r, 200)
    user = check_user(body["user"])
    assert set(user) >= USER_FIELDS
    assert (user["id"], user["username"], user["display_name"], user["first_name"],
            user["last_name"], user["role"]) == \
        (target.id, target.username, "Tee", "T", "Arget", "member")
    raw = r.text.lower()
    assert target.token.lower() not in raw
    assert not any(f'"{w}' in raw for w in SECRET_WORDS), r.text


def test_get_unknown_user(ctx):
    viewer = ctx.user("viewer")
    assert_error(http(ctx.server, "GET", "/api/v1/users/987654321", viewer.token), 404,
                 "not_found")


def test_user_online_flag_follows_websocket(ctx):
    target = ctx.user("flag")
    viewer = ctx.user("viewer")
    assert get_user(ctx.server, viewer.token, target.id)["online"] is False
    ws = ctx.ws(target)
    assert get_user(ctx.server, viewer.token, target.id)["online"] is True
    ws.close()
    deadline = time.monotonic() + 5
    while get_user(ctx.server, viewer.token, target.id)["online"] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert get_user(ctx.server, viewer.token, target.id)["online"] is False


def test_online_list_is_exactly_connected_users(ctx):
    a = ctx.user("ona")
    b = ctx.user("onb")
    ctx.user("never")               # registered, never connected
    assert online_ids(ctx.server, a.token) == set()
    ws_a = ctx.ws(a)
    assert online_ids(ctx.server, a.token) == {a.id}
    ws_b1 = ctx.ws(b)
    ws_b2 = ctx.ws(b)
    assert online_ids(ctx.server, b.token) == {a.id, b.id}
    ws_a.close()
    wait_online_ids(ctx.server, b.token, {b.id})
    ws_b1.close()
    time.sleep(0.3)
    assert online_ids(ctx.server, b.token) == {b.id}   # b still has one connection
    ws_b2.close()
    wait_online_ids(ctx.server, b.token, set())
