"""The web client's files, served by parleyd from --web-root."""

from conftest import http


def test_web_root_serves_index_and_assets(server_factory, tmp_path):
    web = tmp_path / "web"
    (web / "assets").mkdir(parents=True)
    (web / "index.html").write_text("<!doctype html><title>Parley</title>")
    (web / "assets" / "app-abc123.js").write_text("export {}")
    server = server_factory(extra_args=("--web-root", str(web)))
    root = http(server, "GET", "/")
    assert root.status_code == 200
    assert root.headers["Content-Type"].startswith("text/html")
    assert "<title>Parley</title>" in root.text
    csp = root.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert root.headers["X-Content-Type-Options"] == "nosniff"
    asset = http(server, "GET", "/assets/app-abc123.js")
    assert asset.status_code == 200 and "immutable" in asset.headers["Cache-Control"]
    assert http(server, "GET", "/assets/missing.js").status_code == 404
    assert http(server, "GET", "/api/v1/nothing").status_code == 404


def test_missing_web_root_is_a_404_with_a_warning(server_factory, tmp_path):
    server = server_factory(extra_args=("--web-root", str(tmp_path / "absent")))
    r = http(server, "GET", "/")
    assert r.status_code == 404
    assert server.logged("event=web_client_missing")
