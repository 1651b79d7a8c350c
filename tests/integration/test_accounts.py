"""Registration, login and the generic HTTP error conventions."""

import pytest

from conftest import (ADMIN_NAME, DEFAULT_PASSWORD, USER_FIELDS, assert_error, expect_status,
                      http, login, login_raw, me, register, register_raw, unique_name)


def test_health(server):
    body = expect_status(http(server, "GET", "/health"), 200)
    assert body == {"status": "ok"}


def test_register_defaults(ctx):
    name = unique_name("Alice")
    token, user = register(ctx.server, name)
    assert set(user) >= USER_FIELDS
    assert user["username"] == name          # stored as typed
    assert user["display_name"] == name      # defaults to the username
    assert user["first_name"] == "" and user["last_name"] == ""
    assert user["avatar_url"] is None
    assert user["role"] == "member"
    current = me(ctx.server, token)
    assert {k: v for k, v in current.items() if k != "online"} == \
        {k: v for k, v in user.items() if k != "online"}


def test_register_with_names(ctx):
    token, user = register(ctx.server, unique_name("bob"), display_name="Bobby B",
                           first_name="Robert", last_name="Builder")
    assert (user["display_name"], user["first_name"], user["last_name"]) == \
        ("Bobby B", "Robert", "Builder")
    assert me(ctx.server, token)["display_name"] == "Bobby B"


def test_register_gives_general_membership(ctx):
    acct, ws = ctx.online("carol")
    assert "general" in ws.ready["rooms"]
    assert ws.ready["user"]["id"] == acct.id
    assert ws.ready["blocked"] == []


def test_admin_flag_gives_admin_role(ctx):
    token, user = register(ctx.server, ADMIN_NAME)
    assert user["role"] == "admin"
    assert me(ctx.server, token)["role"] == "admin"
    _, other = register(ctx.server, unique_name("plain"))
    assert other["role"] == "member"


def test_user_ids_are_distinct_integers(ctx):
    ids = [ctx.user(f"id{i}").id for i in range(5)]
    assert len(set(ids)) == 5


@pytest.mark.parametrize("body", [
    {"password": DEFAULT_PASSWORD},                              # no username
    {"username": "", "password": DEFAULT_PASSWORD},
    {"username": "   ", "password": DEFAULT_PASSWORD},
    {"username": "NAME"},                                        # no password
    {"username": "NAME", "password": ""},
    {"username": "NAME", "password": DEFAULT_PASSWORD, "display_name": ""},
    {"username": "NAME", "password": DEFAULT_PASSWORD, "display_name": "  \t "},
    {"username": "NAME", "password": DEFAULT_PASSWORD, "first_name": ""},
    {"username": "NAME", "password": DEFAULT_PASSWORD, "last_name": " "},
], ids=["no-user", "empty-user", "blank-user", "no-pass", "empty-pass", "empty-display",
        "blank-display", "empty-first", "blank-last"])
def test_register_empty_field(server, body):
    if body.get("username") == "NAME":
        body = dict(body, username=unique_name("empty"))
    assert_error(register_raw(server, body), 400, "empty_field")


@pytest.mark.parametrize("username", [
    "ab", "a" * 33, "1abc", "_abc", "-abc", "ab cd", "abc!", "abc.def", "jos\u00e9", "tab\tx",
])
def test_register_invalid_username(server, username):
    assert_error(register_raw(server, {"username": username, "password": DEFAULT_PASSWORD}),
                 400, "invalid_username")


@pytest.mark.parametrize("username", ["abc", "A" * 32, "a-b_C9", "Z__--"])
def test_register_valid_username_edges(server, username):
    _, user = register(server, username)
    assert user["username"] == username


@pytest.mark.parametrize("password", ["a" * 7, "\u00e9\u00e9\u00e9", "a" * 1025, "\u00e9" * 513],
                         ids=["7-bytes", "3-chars-6-bytes", "1025-bytes", "513-chars-1026-bytes"])
def test_register_invalid_password(server, password):
    r = register_raw(server, {"username": unique_name("pw"), "password": password})
    assert_error(r, 400, "invalid_password")


@pytest.mark.parametrize("password", ["a" * 8, "\u00e9" * 4, "b" * 1024, "\u00e9" * 512],
                         ids=["8-bytes", "4-chars-8-bytes", "1024-bytes", "512-chars-1024-bytes"])
def test_register_password_length_is_in_bytes(server, password):
    name = unique_name("pw")
    register(server, name, password)
    login(server, name, password)


def test_register_duplicate_any_case(server):
    name = unique_name("Dup")
    register(server, name)
    for variant in (name, name.lower(), name.upper()):
        assert_error(register_raw(server, {"username": variant, "password": DEFAULT_PASSWORD}),
                     409, "username_taken")


@pytest.mark.parametrize("body", [
    {"username": 12345, "password": DEFAULT_PASSWORD},
    {"username": ["x"], "password": DEFAULT_PASSWORD},
    {"username": "NAME", "password": 12345678},
    {"username": "NAME", "password": DEFAULT_PASSWORD, "display_name": {"a": 1}},
    {"username": "NAME", "password": DEFAULT_PASSWORD, "first_name": True},
])
def test_register_wrong_types(server, body):
    if body.get("username") == "NAME":
        body = dict(body, username=unique_name("types"))
    assert_error(register_raw(server, body), 400, "bad_request")


@pytest.mark.parametrize("raw", [b"{not json", b'{"username": "abc", ', b"\xff\xfe", b""])
def test_register_malformed_json(server, raw):
    assert_error(http(server, "POST", "/api/v1/register", data=raw), 400, "bad_request")


def test_body_over_64k_is_too_large(ctx):
    big = {"username": unique_name("big"), "password": DEFAULT_PASSWORD,
           "display_name": "x" * (64 * 1024 + 100)}
    assert_error(register_raw(ctx.server, big), 413, "too_large")
    acct = ctx.user("big")
    r = http(ctx.server, "PATCH", "/api/v1/me", acct.token,
             json_body={"display_name": "y" * (70 * 1024)})
    assert_error(r, 413, "too_large")


def test_body_under_64k_is_not_too_large(ctx):
    acct = ctx.user("mid")
    r = http(ctx.server, "PATCH", "/api/v1/me", acct.token,
             json_body={"display_name": "x" * (60 * 1024)})
    assert_error(r, 400, "invalid_field")


def test_login_returns_new_working_token(ctx):
    acct = ctx.user("login")
    token, user = login(ctx.server, acct.username)
    assert user["id"] == acct.id and user["username"] == acct.username
    assert token != acct.token
    assert me(ctx.server, token)["id"] == acct.id
    assert me(ctx.server, acct.token)["id"] == acct.id


def test_login_wrong_password_and_unknown_user_look_the_same(ctx):
    acct = ctx.user("creds")
    e1 = assert_error(login_raw(ctx.server, acct.username, "wrong-password"), 401,
                      "invalid_credentials")
    e2 = assert_error(login_raw(ctx.server, unique_name("ghost"), DEFAULT_PASSWORD), 401,
                      "invalid_credentials")
    assert e1 == e2


def test_login_missing_fields(server):
    for body in ({}, {"username": "abcdef"}, {"password": DEFAULT_PASSWORD}):
        r = http(server, "POST", "/api/v1/login", json_body=body)
        assert r.status_code == 400, f"{body}: {r.status_code} {r.text[:200]}"
        assert r.json()["error"]["code"] in ("empty_field", "bad_request"), r.text


def test_login_malformed_json(server):
    assert_error(http(server, "POST", "/api/v1/login", data=b"[[["), 400, "bad_request")


AUTHED_CALLS = [
    ("GET", "/api/v1/me", None),
    ("PATCH", "/api/v1/me", {"display_name": "x"}),
    ("POST", "/api/v1/me/password", {"old_password": DEFAULT_PASSWORD, "new_password": "zzzzzzzzz"}),
    ("DELETE", "/api/v1/me", {"password": DEFAULT_PASSWORD}),
    ("POST", "/api/v1/logout", None),
    ("GET", "/api/v1/users?online=true", None),
    ("GET", "/api/v1/users/1", None),
    ("GET", "/api/v1/rooms", None),
    ("GET", "/api/v1/rooms/general/messages", None),
]


@pytest.mark.parametrize("method,path,body", AUTHED_CALLS,
                         ids=[f"{m} {p}" for m, p, _ in AUTHED_CALLS])
@pytest.mark.parametrize("auth", [None, "Bearer not-a-real-token", "Basic dXNlcjpwYXNz"],
                         ids=["none", "bad", "basic"])
def test_unauthorized(ctx, method, path, body, auth):
    ctx.user("someone")  # a real account exists, the header is still wrong
    headers = {"Authorization": auth} if auth else {}
    kw = {"json_body": body} if body is not None else {}
    assert_error(http(ctx.server, method, path, headers=headers, **kw), 401, "unauthorized")


def test_unknown_route(ctx):
    acct = ctx.user("route")
    for path in ("/api/v1/nope", "/api/v1/rooms/general/nothing", "/api/v1/me/nothing"):
        assert_error(http(ctx.server, "GET", path, acct.token), 404, "not_found")
