"""TLS on every listener: HTTPS and WSS, IRC over TLS, certificate reload, bad input.

Each server runs with a pair made by `parleyd cert self-signed --host 127.0.0.1`, which
the clients trust explicitly, so every connection below verifies the certificate.
"""

import os
import re
import signal
import socket
import ssl
import stat
import subprocess
import time

import pytest

from conftest import Ctx, http, run_cli
from parley_irc import IRCS_RE, IrcClient, irc_address
from parley_server import require_binary
from parley_ws import WsClient

HOST = "127.0.0.1"
WAIT = 10  # seconds, every bounded wait below


def make_pair(folder, host=HOST):
    """`parleyd cert self-signed` into `folder`; returns (cert, key) paths."""
    done = run_cli(["cert", "self-signed", "--host", host, "--out", str(folder)])
    assert done.returncode == 0, done.stderr
    return str(folder / "cert.pem"), str(folder / "key.pem")


def client_context(cert, minimum=ssl.TLSVersion.TLSv1_2, maximum=ssl.TLSVersion.TLSv1_3):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(cert)
    context.minimum_version = minimum
    context.maximum_version = maximum
    return context


def wait_for_log(server, pattern, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(re.search(pattern, line) for line in list(server.lines)):
            return
        time.sleep(0.05)
    raise AssertionError(f"no log line matching {pattern!r}:\n{server.log_tail()}")


def served_certificate(server, cert):
    """The DER certificate a new connection to the HTTPS port is given."""
    with socket.create_connection((HOST, server.port), timeout=WAIT) as raw:
        with client_context(cert).wrap_socket(raw, server_hostname=HOST) as tls:
            return tls.getpeercert(binary_form=True)


def der_of(cert):
    with open(cert) as f:
        return ssl.PEM_cert_to_DER_cert(f.read())


class TlsCtx(Ctx):
    """Ctx whose WebSocket clients speak wss:// and trust the test certificate."""

    def __init__(self, server, cert):
        super().__init__(server)
        self.cert = cert
        self.irc_clients = []

    def ws(self, who=None, origin=None):
        c = WsClient(self.server.ws_url, origin=origin, sslopt={"ca_certs": self.cert})
        self.clients.append(c)
        if who is not None:
            c.auth(who.token)
        return c

    def irc(self, tls=True):
        c = IrcClient(self.server, ssl_context=client_context(self.cert) if tls else None)
        self.irc_clients.append(c)
        return c

    def close_all(self):
        super().close_all()
        for c in self.irc_clients:
            c.close()


@pytest.fixture
def pair(tmp_path):
    return make_pair(tmp_path / "tls")


@pytest.fixture
def tls_server(server_factory, pair, monkeypatch):
    cert, key = pair
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", cert)  # conftest's http() goes through requests
    return server_factory(extra_args=(
        "--tls-cert", cert, "--tls-key", key,
        "--irc", f"{HOST}:0", "--irc-tls", f"{HOST}:0"))


@pytest.fixture
def tls(tls_server, pair):
    c = TlsCtx(tls_server, pair[0])
    yield c
    c.close_all()


# -- the certificate command -------------------------------------------------

def describe(cert):
    """`openssl x509` on the certificate: its SAN, expiry and key type, as text."""
    done = subprocess.run(["openssl", "x509", "-in", cert, "-noout", "-text"],
                          capture_output=True, text=True, timeout=WAIT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_self_signed_pair_names_the_host_and_keeps_the_key_private(tmp_path):
    cert, key = make_pair(tmp_path / "out", host="chat.example.org")
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    text = describe(cert)
    assert "DNS:chat.example.org" in text and "prime256v1" in text
    not_after = re.search(r"Not After : (.+ GMT)", text).group(1)
    lifetime = ssl.cert_time_to_seconds(not_after) - time.time()
    assert 364 * 86400 < lifetime <= 366 * 86400
    assert sorted(os.listdir(tmp_path / "out")) == ["cert.pem", "key.pem"]


def test_self_signed_for_an_ip_address_names_it_as_one(tmp_path):
    cert, _ = make_pair(tmp_path / "out", host="127.0.0.1")
    assert "IP Address:127.0.0.1" in describe(cert)


def test_self_signed_that_cannot_be_written_fails_without_partial_files(tmp_path):
    folder = tmp_path / "out"
    (folder / "key.pem").mkdir(parents=True)  # the key's name is taken by a folder
    done = run_cli(["cert", "self-signed", "--host", HOST, "--out", str(folder)])
    assert done.returncode == 2
    assert "Cannot write" in done.stderr and "key.pem" in done.stderr
    assert os.listdir(folder) == ["key.pem"]  # no temporary file, no certificate
    assert os.listdir(folder / "key.pem") == []


def test_self_signed_needs_a_host(tmp_path):
    done = run_cli(["cert", "self-signed", "--out", str(tmp_path)])
    assert done.returncode == 2 and "--host" in done.stderr
    assert os.listdir(tmp_path) == []


# -- start-up ------------------------------------------------------------------

def start_expecting_failure(tmp_path, cert, key):
    argv = [require_binary(), "--data", str(tmp_path / "data"), "--http", f"{HOST}:0",
            "--irc", "off", "--tls-cert", cert, "--tls-key", key]
    return subprocess.run(argv, capture_output=True, text=True, timeout=WAIT * 2)


def test_missing_certificate_exits_2_naming_the_file(tmp_path, pair):
    missing = str(tmp_path / "nowhere" / "cert.pem")
    done = start_expecting_failure(tmp_path, missing, pair[1])
    assert done.returncode == 2, done.stderr
    assert missing in done.stderr and "Cannot read the TLS certificate" in done.stderr


def test_certificate_that_is_not_pem_exits_2(tmp_path, pair):
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not a certificate\n")
    done = start_expecting_failure(tmp_path, str(garbage), pair[1])
    assert done.returncode == 2, done.stderr
    assert str(garbage) in done.stderr and "not a usable PEM certificate" in done.stderr


def test_key_of_another_certificate_exits_2(tmp_path, pair):
    _, other_key = make_pair(tmp_path / "other")
    done = start_expecting_failure(tmp_path, pair[0], other_key)
    assert done.returncode == 2, done.stderr
    assert "does not match the certificate" in done.stderr


def test_start_up_log_names_the_tls_addresses(tls_server):
    assert tls_server.scheme == "https" and tls_server.port > 0
    wait_for_log(tls_server, r"event=tls_loaded cert=\S+cert\.pem expires=\d{4}-\d\d-\d\dT")
    host, port = irc_address(tls_server, pattern=IRCS_RE)
    assert host == HOST and port > 0


# -- HTTPS and WSS -------------------------------------------------------------

def test_https_health_carries_hsts(tls_server):
    resp = http(tls_server, "GET", "/health")
    assert resp.status_code == 200 and resp.json() == {"status": "ok"}
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=")


def test_plain_http_has_no_hsts(server):
    resp = http(server, "GET", "/health")
    assert resp.status_code == 200
    assert "Strict-Transport-Security" not in resp.headers


def test_wss_clients_authenticate_and_exchange_a_message(tls):
    alice, bob = tls.user("alice"), tls.user("bob")
    ws_alice, ws_bob = tls.ws(alice), tls.ws(bob)
    ws_alice.ok("send", room="general", text="over wss")
    got = ws_bob.expect("message", lambda f: f["message"]["text"] == "over wss")
    assert got["message"]["from"] == alice.id


def test_irc_over_tls_reaches_a_wss_client_and_plain_irc_still_works(tls):
    web = tls.user("web")
    ws = tls.ws(web)
    acct = tls.user("ircs")
    irc = tls.irc()
    assert irc.register_sasl(acct.username, acct.password)[3][0] == acct.username
    irc.send("PRIVMSG #general :hello over tls")
    got = ws.expect("message", lambda f: f["message"]["text"] == "hello over tls")
    assert got["message"]["from"] == acct.id
    plain = tls.irc(tls=False)
    other = tls.user("plain")
    plain.register_pass(other.username, other.password)
    plain.send("PRIVMSG #general :hello in plain text")
    ws.expect("message", lambda f: f["message"]["text"] == "hello in plain text")


# -- protocol versions and ciphers ---------------------------------------------

def handshake(server, cert, context):
    host, port = irc_address(server, pattern=IRCS_RE)
    with socket.create_connection((host, port), timeout=WAIT) as raw:
        with context.wrap_socket(raw, server_hostname=host) as conn:
            return conn.version(), conn.cipher()[0]


def test_tls_1_2_and_1_3_are_accepted_with_ecdhe_aead(tls_server, pair):
    cert = pair[0]
    only = ssl.TLSVersion.TLSv1_2
    version, cipher = handshake(tls_server, cert, client_context(cert, only, only))
    assert version == "TLSv1.2"
    assert cipher.startswith("ECDHE-") and ("GCM" in cipher or "CHACHA20" in cipher), cipher
    only = ssl.TLSVersion.TLSv1_3
    assert handshake(tls_server, cert, client_context(cert, only, only))[0] == "TLSv1.3"


def old_client(cert, version):
    context = client_context(cert, version, version)
    context.set_ciphers("ALL:@SECLEVEL=0")  # let the client really offer the old version
    return context


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_tls_1_1_and_1_0_are_refused_by_the_server(tls_server, pair):
    for version in (ssl.TLSVersion.TLSv1_1, ssl.TLSVersion.TLSv1):
        with pytest.raises(ssl.SSLError) as refused:
            handshake(tls_server, pair[0], old_client(pair[0], version))
        # The server's alert, not a client that could not even try.
        assert "PROTOCOL_VERSION" in str(refused.value).upper(), refused.value


def test_tls_1_2_without_aead_is_refused(tls_server, pair):
    only = ssl.TLSVersion.TLSv1_2
    context = client_context(pair[0], only, only)
    context.set_ciphers("ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:@SECLEVEL=0")
    with pytest.raises(ssl.SSLError):
        handshake(tls_server, pair[0], context)


def s_client(server, *flags):
    host, port = irc_address(server, pattern=IRCS_RE)
    return subprocess.run(
        ["openssl", "s_client", "-connect", f"{host}:{port}", "-cipher", "ALL:@SECLEVEL=0",
         *flags], input="", capture_output=True, text=True, timeout=WAIT)


def test_openssl_s_client_sees_1_1_refused_and_1_2_accepted(tls_server):
    old = s_client(tls_server, "-tls1_1")
    assert old.returncode != 0 and "alert protocol version" in old.stdout + old.stderr
    new = s_client(tls_server, "-tls1_2")
    assert new.returncode == 0, new.stderr
    assert re.search(r"Protocol\s*:\s*TLSv1\.2", new.stdout), new.stdout


# -- robustness ----------------------------------------------------------------

def test_plaintext_clients_on_tls_ports_are_dropped_without_disturbing_others(tls):
    alice, bob = tls.user("alice"), tls.user("bob")
    ws_alice, ws_bob = tls.ws(alice), tls.ws(bob)
    irc_host, irc_port = irc_address(tls.server, pattern=IRCS_RE)
    for port, greeting in ((tls.server.port, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"),
                           (irc_port, b"NICK plain\r\nUSER u 0 * :plain\r\n")):
        with socket.create_connection((HOST, port), timeout=WAIT) as raw:
            raw.sendall(greeting)
            try:
                answer = raw.recv(4096)
            except ConnectionResetError:
                answer = b""
            assert b"HTTP/1.1 200" not in answer and b" 001 " not in answer
            # Closed by the server, within the bounded wait.
            try:
                while raw.recv(4096):
                    pass
            except ConnectionResetError:
                pass
    wait_for_log(tls.server, r"event=tls_handshake_failed proto=http")
    wait_for_log(tls.server, r"event=tls_handshake_failed proto=irc")
    ws_alice.ok("send", room="general", text="still here")
    ws_bob.expect("message", lambda f: f["message"]["text"] == "still here")
    assert tls.server.running


def test_sighup_reloads_the_certificate_and_keeps_open_connections(tls, pair, tmp_path):
    cert, key = pair
    alice, bob = tls.user("alice"), tls.user("bob")
    ws_alice, ws_bob = tls.ws(alice), tls.ws(bob)
    irc = tls.irc()
    irc.register_pass(bob.username, bob.password)
    irc.expect("366")
    old_der = der_of(cert)
    assert served_certificate(tls.server, cert) == old_der

    make_pair(tmp_path / "tls")  # a new pair in the same files
    new_der = der_of(cert)
    assert new_der != old_der
    tls.server.proc.send_signal(signal.SIGHUP)
    wait_for_log(tls.server, r"event=tls_reloaded")
    assert served_certificate(tls.server, cert) == new_der

    ws_alice.ok("send", room="general", text="after reload")
    ws_bob.expect("message", lambda f: f["message"]["text"] == "after reload")
    irc.expect("PRIVMSG", lambda m: m[3][1] == "after reload")
    # SIGTERM with TLS connections open still ends cleanly: WSS closed with 1001.
    tls.server.stop()
    assert ws_alice.closed_with(1001)


def test_sighup_with_a_bad_new_pair_keeps_the_old_one(tls, pair):
    cert, key = pair
    good_der = der_of(cert)
    with open(cert, "w") as f:
        f.write("-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n")
    tls.server.proc.send_signal(signal.SIGHUP)
    wait_for_log(tls.server, r"event=tls_reload_failed")
    assert tls.server.running
    with socket.create_connection((HOST, tls.server.port), timeout=WAIT) as raw:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        with context.wrap_socket(raw) as conn:
            assert conn.getpeercert(binary_form=True) == good_der
