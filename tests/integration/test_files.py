"""File sharing through the real server: uploads at and over the limits, the
quota, hostile filenames, download headers, who may download, and the session
cookie that only downloads accept."""

import os
import re
import urllib.parse

import requests

from conftest import HTTP_TIMEOUT, assert_error, expect_status, http, login
from images import png

MIB = 1024 * 1024
HEX_NAME = re.compile(r"^[0-9a-f]{32}$")


def upload(server, token, data, name="notes.txt", quote=True):
    query = urllib.parse.quote(name, safe="") if quote else name
    return requests.post(f"{server.base_url}/api/v1/files?name={query}", data=data,
                         headers={"Authorization": f"Bearer {token}"}, timeout=HTTP_TIMEOUT)


def uploaded(server, token, data, name="notes.txt"):
    file = expect_status(upload(server, token, data, name), 201)["file"]
    assert set(file) == {"id", "name", "size", "content_type", "url"}, file
    assert file["size"] == len(data)
    assert file["url"].startswith(f"/api/v1/files/{file['id']}/"), file
    return file


def download(server, url, token=None, cookie=None):
    headers = {"Cookie": f"parley_session={cookie}"} if cookie else {}
    return http(server, "GET", url, token, headers=headers)


def stored_names(server):
    folder = os.path.join(server.data_dir, "files")
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def test_upload_at_the_limit_is_stored_and_one_byte_more_is_refused(ctx):
    alice = ctx.user("alice")
    data = os.urandom(256) * (25 * MIB // 256)
    file = uploaded(ctx.server, alice.token, data, "big.bin")
    got = download(ctx.server, file["url"], alice.token)
    assert got.status_code == 200 and got.content == data
    assert_error(upload(ctx.server, alice.token, data + b"x", "bigger.bin"), 413, "too_large")
    assert len(stored_names(ctx.server)) == 1


def test_quota_counts_every_file_of_a_user(server_factory):
    from conftest import Ctx
    server = server_factory(extra_args=("--file-max-bytes", "64KiB", "--file-quota-bytes",
                                        "100KiB"))
    ctx = Ctx(server)
    alice, bob = ctx.user("alice"), ctx.user("bob")
    uploaded(server, alice.token, b"a" * 60 * 1024)
    assert_error(upload(server, alice.token, b"b" * (64 * 1024 + 1)), 413, "too_large")
    assert_error(upload(server, alice.token, b"c" * 60 * 1024), 413, "quota_exceeded")
    uploaded(server, alice.token, b"d" * 40 * 1024)  # exactly at the quota
    uploaded(server, bob.token, b"e" * 60 * 1024)    # quotas are per user
    assert len(stored_names(server)) == 3  # the refused upload left nothing behind
    assert not [n for n in stored_names(server) if n.startswith(".tmp")]


def test_hostile_names_are_stored_under_random_names_and_shown_harmlessly(ctx):
    alice = ctx.user("alice")
    hostile = ["../../etc/passwd", "a\x00b.txt", "evil\r\nSet-Cookie: x=1.txt",
               "invoice\u202egpj.exe", "x" * 1000 + ".txt", "..", "<script>.html",
               'quote"semi;colon.txt', "\u00e9t\u00e9 \u65e5\u672c.txt"]
    for name in hostile:
        file = uploaded(ctx.server, alice.token, b"data", name)
        shown = file["name"]
        assert "/" not in shown and "\\" not in shown, shown
        assert not any(ord(c) < 32 or c == "\x7f" for c in shown), shown
        assert "\u202e" not in shown and not shown.startswith("."), shown
        assert 0 < len(shown.encode()) <= 255, len(shown.encode())
        got = download(ctx.server, file["url"], alice.token)
        assert got.status_code == 200, (name, got.status_code, file["url"])
        disposition = got.headers["Content-Disposition"]
        assert disposition.startswith("attachment; filename=\""), disposition
        fallback = re.match(r'attachment; filename="([^"]*)"; filename\*=UTF-8\'\'(\S+)$',
                            disposition)
        assert fallback, disposition
        assert all(32 <= ord(c) < 127 for c in fallback.group(1))
        assert urllib.parse.unquote(fallback.group(2)) == shown
        assert "Set-Cookie" not in got.headers
    assert uploaded(ctx.server, alice.token, b"x", "\u00e9t\u00e9.txt")["name"] == "\u00e9t\u00e9.txt"
    assert all(HEX_NAME.match(n) for n in stored_names(ctx.server)), stored_names(ctx.server)


def test_downloads_show_only_images_inline_and_never_svg_or_html(ctx):
    alice = ctx.user("alice")
    cases = [
        (png(4, 4), "photo.png", "image/png", "inline"),
        (b"GIF89a" + b"\x00" * 20, "anim.gif", "image/gif", "inline"),
        (b"hello", "notes.txt", "application/octet-stream", "attachment"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg",
         "application/octet-stream", "attachment"),
        (b"<html><script>alert(1)</script></html>", "page.html", "application/octet-stream",
         "attachment"),
        (b"<html><script>alert(1)</script></html>", "fake.png", "application/octet-stream",
         "attachment"),
        (b"%PDF-1.4 ...", "doc.pdf", "application/octet-stream", "attachment"),
    ]
    for data, name, served_type, disposition in cases:
        file = uploaded(ctx.server, alice.token, data, name)
        got = download(ctx.server, file["url"], alice.token)
        assert got.status_code == 200 and got.content == data
        assert got.headers["Content-Type"] == served_type, (name, got.headers["Content-Type"])
        assert got.headers["Content-Disposition"].startswith(disposition + ";"), name
        assert got.headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in got.headers["Content-Security-Policy"]
        assert "default-src 'none'" in got.headers["Content-Security-Policy"]
        assert got.headers["Cache-Control"].startswith("private")


def test_only_the_uploader_room_members_and_the_dm_pair_may_download(ctx):
    alice, alice_ws = ctx.online("alice")
    bob, bob_ws = ctx.online("bob")
    carol = ctx.user("carol")
    room = "files-" + alice.username[-6:]
    alice_ws.ok("join", room=room)
    in_room = uploaded(ctx.server, alice.token, b"room secret", "room.txt")
    in_dm = uploaded(ctx.server, alice.token, b"dm secret", "dm.txt")
    for who in (bob, carol):  # nobody but the uploader before it is shared
        assert_error(download(ctx.server, in_room["url"], who.token), 404, "not_found")
    assert download(ctx.server, in_room["url"], alice.token).status_code == 200

    alice_ws.ok("send", room=room, text="see file", attachments=[in_room["id"]])
    bob_ws.ok("join", room=room)
    assert download(ctx.server, in_room["url"], bob.token).content == b"room secret"
    assert_error(download(ctx.server, in_room["url"], carol.token), 404, "not_found")

    alice_ws.ok("send_dm", to=bob.id, text="", attachments=[in_dm["id"]])
    assert download(ctx.server, in_dm["url"], bob.token).content == b"dm secret"
    assert_error(download(ctx.server, in_dm["url"], carol.token), 404, "not_found")
    bob_ws.ok("leave", room=room)  # membership is checked now, not when it was posted
    assert_error(download(ctx.server, in_room["url"], bob.token), 404, "not_found")
    assert_error(download(ctx.server, "/api/v1/files/999999/x", alice.token), 404, "not_found")
    assert_error(download(ctx.server, in_room["url"]), 401, "unauthorized")


def test_session_cookie_is_accepted_for_downloads_only(ctx):
    alice = ctx.user("alice")
    signed_in = http(ctx.server, "POST", "/api/v1/login",
                     json_body={"username": alice.username, "password": alice.password})
    cookie = signed_in.headers["Set-Cookie"]
    for part in ("parley_session=", "HttpOnly", "SameSite=Lax", "Path=/api/v1/files"):
        assert part in cookie, cookie
    assert "Secure" not in cookie  # no TLS configured
    token = signed_in.json()["token"]
    assert cookie.startswith(f"parley_session={token};")
    file = uploaded(ctx.server, alice.token, b"cookie file")
    assert download(ctx.server, file["url"], cookie=token).content == b"cookie file"
    assert_error(http(ctx.server, "GET", "/api/v1/me", headers={
        "Cookie": f"parley_session={token}"}), 401, "unauthorized")
    assert_error(requests.post(f"{ctx.server.base_url}/api/v1/files?name=x", data=b"x",
                               headers={"Cookie": f"parley_session={token}"},
                               timeout=HTTP_TIMEOUT), 401, "unauthorized")

    restored = http(ctx.server, "POST", "/api/v1/me/cookie", alice.token)
    assert restored.status_code == 204
    assert restored.headers["Set-Cookie"].startswith(f"parley_session={alice.token};")
    assert_error(http(ctx.server, "POST", "/api/v1/me/cookie", "bad-token"), 401, "unauthorized")
    registered = http(ctx.server, "POST", "/api/v1/register",
                      json_body={"username": "cookie" + alice.username[-5:],
                                 "password": "password123"})
    assert "parley_session=" in registered.headers["Set-Cookie"]

    out = http(ctx.server, "POST", "/api/v1/logout", token)
    assert out.status_code == 204 and "Max-Age=0" in out.headers["Set-Cookie"]
    assert_error(download(ctx.server, file["url"], cookie=token), 401, "unauthorized")


def test_files_survive_a_restart(ctx):
    alice, ws = ctx.online("alice")
    file = uploaded(ctx.server, alice.token, b"kept", "kept.txt")
    ws.ok("send", room="general", text="", attachments=[file["id"]])
    ctx.close_all()
    ctx.server.restart()
    token, _ = login(ctx.server, alice.username)
    assert download(ctx.server, file["url"], token).content == b"kept"
    last = expect_status(http(ctx.server, "GET", "/api/v1/rooms/general/messages", token),
                         200)["messages"][-1]
    assert last["attachments"] == [file]
    # The Hub knows the file again, so it can be attached after the restart.
    ws = ctx.ws(token)
    ws.ok("send", room="general", text="again", attachments=[file["id"]])


def test_ranges_and_etags_are_honoured(ctx):
    alice = ctx.user("alice")
    data = bytes(range(256)) * 40  # 10240 bytes
    file = uploaded(ctx.server, alice.token, data, "range.bin")
    whole = download(ctx.server, file["url"], alice.token)
    assert whole.headers["Accept-Ranges"] == "bytes"
    etag = whole.headers["ETag"]
    cases = {"bytes=0-99": (0, 100), "bytes=10000-": (10000, 10240), "bytes=-40": (10200, 10240),
             "bytes=10200-99999": (10200, 10240)}
    for header, (start, end) in cases.items():
        got = http(ctx.server, "GET", file["url"], alice.token, headers={"Range": header})
        assert got.status_code == 206, header
        assert got.content == data[start:end], header
        assert got.headers["Content-Range"] == f"bytes {start}-{end - 1}/{len(data)}"
    past = http(ctx.server, "GET", file["url"], alice.token, headers={"Range": "bytes=20000-"})
    assert past.status_code == 416 and past.headers["Content-Range"] == f"bytes */{len(data)}"
    for ignored in ("bytes=0-1,5-6", "items=0-1", "bytes=5-2"):
        got = http(ctx.server, "GET", file["url"], alice.token, headers={"Range": ignored})
        assert got.status_code == 200 and got.content == data, ignored
    cached = http(ctx.server, "GET", file["url"], alice.token, headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.content == b""
    bob = ctx.user("bob")  # a cached copy is no excuse: access is checked first
    assert_error(http(ctx.server, "GET", file["url"], bob.token,
                      headers={"If-None-Match": etag, "Range": "bytes=0-1"}), 404, "not_found")
