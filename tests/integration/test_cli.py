"""Command line: --help/--version, bad flags, config file, `user` subcommands."""

import json

import pytest

from conftest import (DEFAULT_PASSWORD, assert_error, http, login, login_raw, me, register, require_binary,
                      run_cli, unique_name)


def output(proc):
    return proc.stdout + proc.stderr


def test_help(tmp_path):
    p = run_cli(["--help"], cwd=tmp_path)
    assert p.returncode == 0, output(p)
    assert "usage" in output(p).lower()
    assert "--data" in output(p) and "--http" in output(p)


def test_version(tmp_path):
    p = run_cli(["--version"], cwd=tmp_path)
    assert p.returncode == 0, output(p)
    assert any("parleyd" in line for line in output(p).splitlines()), output(p)


SAFE = ["--http", "127.0.0.1:0", "--irc", "off"]   # if a bad flag is accepted, stay off 8080


@pytest.mark.parametrize("args,mentions", [
    (SAFE + ["--bogus-flag"], "bogus-flag"),
    (SAFE + ["--shards", "abc"], "shards"),
    (SAFE + ["--limits", "maybe"], "limits"),
    (SAFE + ["--config", "/nonexistent/dir/parley.toml"], "parley.toml"),
    (SAFE + ["--data"], "data"),
], ids=["unknown-flag", "shards-abc", "limits-maybe", "missing-config", "missing-value"])
def test_bad_command_line_exits_2(tmp_path, args, mentions):
    p = run_cli(args, cwd=tmp_path, timeout=10)
    assert p.returncode == 2, f"exit {p.returncode}: {output(p)}"
    assert p.stderr.strip(), "no message on stderr"
    assert mentions in p.stderr, f"stderr does not name the problem ({mentions}): {p.stderr}"


def write_config(tmp_path, text):
    path = tmp_path / "parley.toml"
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("text", ['shards = "abc"\n', "limits = \n", "[tls\ncert = 1\n"],
                         ids=["wrong-type", "no-value", "broken-table"])
def test_bad_config_exits_2(tmp_path, text):
    path = write_config(tmp_path, f'data = "{tmp_path}/d"\nirc = "off"\nhttp = "127.0.0.1:0"\n' + text)
    p = run_cli(["--config", path], cwd=tmp_path, timeout=10)
    assert p.returncode == 2, f"exit {p.returncode}: {output(p)}"
    assert p.stderr.strip()


def test_config_file(server_factory, tmp_path):
    srv = server_factory(start=False, admins=())
    path = write_config(tmp_path, "\n".join([
        f"data = {json.dumps(srv.data_dir)}",
        'http = "127.0.0.1:0"',
        'irc = "off"',
        "limits = false",
        'admins = ["boss"]',
        "future_key_from_v9 = 42",
        "",
    ]))
    srv.start([require_binary(), "--config", path])
    assert "future_key_from_v9" in srv.log_tail(500), "unknown key not reported as a warning"
    _, boss = register(srv, "boss")
    assert boss["role"] == "admin"
    _, other = register(srv, unique_name("plain"))
    assert other["role"] == "member"


def test_flags_override_config(server_factory, tmp_path):
    srv = server_factory(start=False)
    path = write_config(tmp_path, f'data = {json.dumps(srv.data_dir)}\nhttp = "127.0.0.1:0"\n'
                                  'irc = "off"\nlimits = true\n')
    srv.start([require_binary(), "--config", path, "--limits", "off"])
    token, user = register(srv, unique_name("over"))
    codes = [login_raw(srv, user["username"], "wrong-password").status_code for _ in range(30)]
    assert codes == [401] * 30, f"--limits off did not override the config: {codes}"


# -- user subcommands -----------------------------------------------------------

def user_cmd(server, *args, password=None):
    stdin = None if password is None else password + "\n"
    return run_cli(["--data", server.data_dir, "user", *args], input=stdin, cwd=server.cwd)


@pytest.fixture
def stopped(server_factory):
    """A server object whose process is not started yet."""
    return server_factory(start=False)


def test_user_add_then_login(stopped):
    name = unique_name("cli")
    p = user_cmd(stopped, "add", name, password="cli-password-1")
    assert p.returncode == 0, output(p)
    stopped.start()
    token, user = login(stopped, name, "cli-password-1")
    assert user["username"] == name and user["role"] == "member"
    assert me(stopped, token)["id"] == user["id"]


def test_user_add_rejects_bad_input(stopped):
    taken = unique_name("Taken")
    assert user_cmd(stopped, "add", taken, password=DEFAULT_PASSWORD).returncode == 0
    short = unique_name("short")
    for args, pw in ((["add", short], "short"), (["add", taken.lower()], DEFAULT_PASSWORD),
                     (["add", "1bad name"], DEFAULT_PASSWORD)):
        p = user_cmd(stopped, *args, password=pw)
        assert p.returncode != 0, f"user {args} succeeded: {output(p)}"
        assert p.stderr.strip(), f"user {args}: no message on stderr"
    stopped.start()
    assert_error(login_raw(stopped, short, "short"), 401, "invalid_credentials")


def test_user_promote(stopped):
    stopped.start()
    name = unique_name("promo")
    register(stopped, name)
    stopped.stop()
    p = user_cmd(stopped, "promote", name)
    assert p.returncode == 0, output(p)
    stopped.start()
    token, user = login(stopped, name)
    assert me(stopped, token)["role"] == "admin"


def test_user_ban(stopped):
    stopped.start()
    name = unique_name("cliban")
    register(stopped, name)
    stopped.stop()
    p = user_cmd(stopped, "ban", name)
    assert p.returncode == 0, output(p)
    stopped.start()
    assert_error(login_raw(stopped, name, DEFAULT_PASSWORD), 403, "banned")


def test_user_promote_unknown_name(stopped):
    p = user_cmd(stopped, "promote", unique_name("nobody"))
    assert p.returncode != 0, output(p)


def test_user_add_while_server_running(ctx):
    server = ctx.server
    watcher = ctx.online("watch")[1]
    name = unique_name("live")
    p = user_cmd(server, "add", name, password="live-password-1")
    assert p.returncode == 0, output(p)
    token, user = login(server, name, "live-password-1")
    assert user["username"] == name
    # The running server learns the account at its first sign-in: it is in
    # general like any new account, and others can look it up.
    assert ctx.ws(token).ready["rooms"] == ["general"]
    watcher.expect("joined", lambda f: f["user"]["id"] == user["id"])
    assert http(server, "GET", f"/api/v1/users/{user['id']}", token).status_code == 200


def test_user_ban_while_server_running(ctx):
    server = ctx.server
    acct, ws = ctx.online("doomed")
    p = user_cmd(server, "ban", acct.username)
    assert p.returncode == 0, output(p)
    # Its next sign-in, from anywhere, is refused and closes what was still open.
    assert_error(login_raw(server, acct.username, acct.password), 403, "banned")
    ws.closed_with(4003)
    admin = ctx.admin()
    ctx.ws(admin).ok("unban", user_id=acct.id)
    assert login_raw(server, acct.username, acct.password).status_code == 200
