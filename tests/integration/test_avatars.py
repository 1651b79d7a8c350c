"""Profile pictures: PUT /api/v1/me/avatar through the real server, with its
size limit, type checks from the bytes, decompression bombs, the 256x256 round
PNG it serves, and the URL that changes with every new picture."""

import os

import requests

from conftest import HTTP_TIMEOUT, assert_error, expect_status, http
from images import alpha_at, gif, png, png_bomb, read_png

MIB = 1024 * 1024
LIMIT = 4 * MIB


def put_avatar(server, token, data, headers=None):
    h = {"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"}
    h.update(headers or {})
    return requests.put(server.base_url + "/api/v1/me/avatar", data=data, headers=h,
                        timeout=HTTP_TIMEOUT)


def stored_files(server, folder="avatars"):
    path = os.path.join(server.data_dir, folder)
    return sorted(os.listdir(path)) if os.path.isdir(path) else []


def gradient(x, y):
    return (x * 4 % 256, y * 4 % 256, 128)


def test_avatar_of_exactly_the_limit_is_made_round_and_256_square(ctx):
    alice = ctx.user("alice")
    data = png(300, 200, gradient, pad_to=LIMIT)
    user = expect_status(put_avatar(ctx.server, alice.token, data), 200)["user"]
    url = user["avatar_url"]
    assert url.startswith(f"/avatars/{alice.id}-") and url.endswith(".png"), url
    served = http(ctx.server, "GET", url)
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/png"
    assert "immutable" in served.headers["Cache-Control"]
    assert "max-age=31536000" in served.headers["Cache-Control"]
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    image = read_png(served.content)
    assert image[:2] == (256, 256)
    for x, y in ((0, 0), (255, 0), (0, 255), (255, 255), (20, 20)):
        assert alpha_at(image, x, y) == 0, (x, y)
    for x, y in ((128, 128), (128, 5), (5, 128), (60, 60)):
        assert alpha_at(image, x, y) == 255, (x, y)
    assert b"paDd" not in served.content  # metadata and private chunks are not kept
    assert expect_status(http(ctx.server, "GET", "/api/v1/me", alice.token), 200)["user"][
        "avatar_url"] == url


def test_avatar_one_byte_over_the_limit_is_refused_unread(ctx):
    alice = ctx.user("alice")
    data = png(8, 8, pad_to=LIMIT + 1)
    assert_error(put_avatar(ctx.server, alice.token, data), 413, "too_large")

    def chunks():  # no Content-Length: the limit holds while the body streams in
        for i in range(0, len(data), 256 * 1024):
            yield data[i:i + 256 * 1024]
    assert_error(put_avatar(ctx.server, alice.token, chunks()), 413, "too_large")
    assert stored_files(ctx.server) == []
    assert me_avatar(ctx, alice) is None


def me_avatar(ctx, account):
    return expect_status(http(ctx.server, "GET", "/api/v1/me", account.token), 200)["user"][
        "avatar_url"]


def test_non_images_broken_images_and_bombs_are_refused_without_leftovers(ctx):
    alice = ctx.user("alice")
    good = png(64, 64, gradient)
    refused = {
        "text": b"hello, this is not an image at all",
        "svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "html_named_png": b"<html><body>hi</body></html>",
        "truncated": good[:len(good) // 2],
        "corrupt": good[:40] + b"\x00" * 200 + good[240:],
        "bomb": png_bomb(),
        "many_frames": gif(frames=200),
        "empty": b"",
    }
    for name, data in refused.items():
        error = assert_error(put_avatar(ctx.server, alice.token, data,
                                        headers={"Content-Type": "image/png"}),
                             415, "unsupported_image")
        if name == "bomb":
            assert "pixels" in error["message"], error
        if name == "many_frames":
            assert "frames" in error["message"], error
    assert stored_files(ctx.server) == []  # no file, no temporary file
    assert me_avatar(ctx, alice) is None
    # A GIF with a few frames is fine: its first frame is the picture.
    expect_status(put_avatar(ctx.server, alice.token, gif(frames=3, width=4, height=4)), 200)


def test_new_avatar_gets_new_url_old_one_is_gone_and_others_are_told(ctx):
    alice = ctx.user("alice")
    bob, bob_ws = ctx.online("bob")
    first = expect_status(put_avatar(ctx.server, alice.token, png(40, 40)), 200)["user"]["avatar_url"]
    bob_ws.expect("user", lambda f: f["user"]["id"] == alice.id and f["user"]["avatar_url"] == first)
    second = expect_status(put_avatar(ctx.server, alice.token, png(50, 30, gradient)), 200)[
        "user"]["avatar_url"]
    assert second != first
    bob_ws.expect("user", lambda f: f["user"]["avatar_url"] == second)
    assert http(ctx.server, "GET", first).status_code == 404
    assert http(ctx.server, "GET", second).status_code == 200
    assert len(stored_files(ctx.server)) == 1
    seen = expect_status(http(ctx.server, "GET", f"/api/v1/users/{alice.id}", bob.token), 200)
    assert seen["user"]["avatar_url"] == second

    cleared = expect_status(http(ctx.server, "DELETE", "/api/v1/me/avatar", alice.token), 200)
    assert cleared["user"]["avatar_url"] is None
    bob_ws.expect("user", lambda f: f["user"]["id"] == alice.id and f["user"]["avatar_url"] is None)
    assert http(ctx.server, "GET", second).status_code == 404
    assert stored_files(ctx.server) == []


def test_avatar_needs_a_session_and_odd_addresses_are_404(ctx):
    assert_error(put_avatar(ctx.server, "nope", png(8, 8)), 401, "unauthorized")
    for path in ("/avatars/../parley.db", "/avatars/1-abc.png", "/avatars/x", "/avatars/"):
        assert http(ctx.server, "GET", path).status_code == 404, path


def test_avatar_survives_restart_and_account_deletion_erases_it(ctx):
    alice = ctx.user("alice")
    url = expect_status(put_avatar(ctx.server, alice.token, png(30, 30)), 200)["user"]["avatar_url"]
    ctx.close_all()
    ctx.server.restart()
    assert http(ctx.server, "GET", url).status_code == 200
    assert me_avatar(ctx, alice) == url
    expect_status(http(ctx.server, "DELETE", "/api/v1/me", alice.token,
                       json_body={"password": alice.password}), 204)
    assert http(ctx.server, "GET", url).status_code == 404
    assert stored_files(ctx.server) == []
