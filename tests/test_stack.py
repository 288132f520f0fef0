"""The production set-up (`make stack`: nginx in front of gunicorn) holds off slow clients.

These start deploy/stack.py as `make stack` does, on free loopback ports, with one gunicorn process
of two threads: on its own, a handful of slow clients stops it answering anyone. Without nginx
they skip, unless REQUIRE_STACK=1 or REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

import datetime
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import types

import pytest
from django.core.management import call_command
from gunicorn import config as gunicorn_config
from gunicorn import glogging

from deploy import stack as stack_script

from .servers import ROOT, fetch, free_port, server_env, wait_until_listening
from .spanish_helpers import english_words

SLOW_HEADER_CONNECTIONS = 50
IDLE_CONNECTIONS = 200
STAFF = {"username": "stack-editor", "password": "a-long-enough-passphrase"}


def nginx_or_skip():
    if stack_script.find_nginx(os.environ):
        return
    message = f"The production set-up cannot start here. {stack_script.MISSING_NGINX}"
    if os.environ.get("REQUIRE_STACK") == "1" or os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message + " REQUIRE_STACK=1 makes this a failure.")
    pytest.skip(message)


class Stack:
    def __init__(self, process, port, folder, output):
        self.process = process
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.folder = folder
        self.output = output

    def pids(self):
        return [int((self.folder / f"{name}.pid").read_text()) for name in ("nginx", "gunicorn")]

    def access_log(self):
        return (self.folder / "access.log").read_text()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return self.process.returncode


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    nginx_or_skip()
    base = tmp_path_factory.mktemp("stack")
    folder = base / "run"
    port = free_port()
    env = server_env(
        STACK_PORT=str(port),
        STACK_DIR=str(folder),
        STACK_ACCESS_LOG=str(folder / "access.log"),
        # Production settings, as behind a TLS terminator: the terminator says https.
        DJANGO_HTTPS_ONLY="1",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
        DJANGO_SUPERUSER_USERNAME=STAFF["username"],
        DJANGO_SUPERUSER_PASSWORD=STAFF["password"],
        DJANGO_SUPERUSER_EMAIL="stack-editor@example.com",
    )
    output = base / "stack.log"
    with output.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "deploy/stack.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Stack(process, port, folder, output)
    try:
        wait_until_listening(process, port, timeout=120)
        yield running
    finally:
        running.stop()


def over_tls(**headers):
    """What the TLS terminator in front adds to every request it passes on."""
    return {"X-Forwarded-Proto": "https", **headers}


def timed_get(stack, path="/"):
    started = time.monotonic()
    status, _, body = fetch(stack.base + path, headers=over_tls(), timeout=5)
    return status, time.monotonic() - started, body


def still_open(sock):
    """True while the server keeps the connection: nothing to read, and no end of stream."""
    sock.setblocking(False)
    try:
        return sock.recv(1) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


NORMAL_PAGES = ["/", "/what-is-iop/", "/self-check/", "/", "/benefits-of-iop/"]


def test_slow_and_idle_connections_do_not_stop_a_normal_request(stack):
    for path in NORMAL_PAGES:  # warm, as on a live site: the first render of a page is slower
        assert timed_get(stack, path)[0] == 200
    attackers = []
    try:
        for n in range(SLOW_HEADER_CONNECTIONS):
            sock = socket.create_connection(("127.0.0.1", stack.port), timeout=5)
            # A header that never ends: gunicorn would hold a thread for it until its timeout.
            sock.sendall(f"GET /?slow={n} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".encode())
            attackers.append(sock)
        for _ in range(IDLE_CONNECTIONS):
            attackers.append(socket.create_connection(("127.0.0.1", stack.port), timeout=5))
        latencies = []
        for path in NORMAL_PAGES:
            status, seconds, _ = timed_get(stack, path)
            assert status == 200, path
            latencies.append(seconds)
        held = sum(still_open(sock) for sock in attackers)
    finally:
        for sock in attackers:
            sock.close()
    print(
        f"\n{held} of {len(attackers)} slow/idle connections held; normal requests answered in "
        f"{', '.join(f'{s * 1000:.0f} ms' for s in latencies)}"
    )
    assert held == SLOW_HEADER_CONNECTIONS + IDLE_CONNECTIONS
    assert max(latencies) < 1.0


SLOW_BODY_START = (
    b"POST /self-check/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\n"
)


def test_slow_bodies_and_slow_chunked_bodies_do_not_stop_a_normal_request(stack):
    # gunicorn has two threads here: a few slow bodies would take them all if nginx passed them on.
    slow = []
    try:
        for _ in range(5):
            sock = socket.create_connection(("127.0.0.1", stack.port), timeout=5)
            sock.sendall(SLOW_BODY_START + b"Content-Length: 5000\r\n\r\nwho=")
            slow.append(sock)
            sock = socket.create_connection(("127.0.0.1", stack.port), timeout=5)
            sock.sendall(SLOW_BODY_START + b"Transfer-Encoding: chunked\r\n\r\n1000\r\nwho=")
            slow.append(sock)
        status, seconds, _ = timed_get(stack)
        assert status == 200
        assert seconds < 1.0
    finally:
        for sock in slow:
            sock.close()


def test_behind_tls_the_app_answers_once_without_a_redirect_loop(stack):
    # The terminator said https: the page itself, no redirect.
    status, _, _ = timed_get(stack)
    assert status == 200
    # A plain-HTTP request (nobody said https) is sent to https once, at the same address.
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=5)
    connection.request("GET", "/what-is-iop/", headers={"Host": f"127.0.0.1:{stack.port}"})
    response = connection.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == f"https://127.0.0.1:{stack.port}/what-is-iop/"
    connection.close()
    # A client cannot pass a second, contradicting scheme header on to gunicorn (a 400 there).
    status, _, _ = fetch(stack.base + "/", headers=over_tls(**{"X-Forwarded-Ssl": "off"}))
    assert status == 200


def staff_sign_in(stack):
    """Sign in through nginx as the browser would over https, cookies sent by hand (Secure)."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=10)
    origin = f"https://127.0.0.1:{stack.port}"
    connection.request("GET", "/admin/login/", headers=over_tls(Host=f"127.0.0.1:{stack.port}"))
    page = connection.getresponse()
    html = page.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = f"csrfmiddlewaretoken={token}&username={STAFF['username']}&password={STAFF['password']}"
    connection.request(
        "POST",
        "/admin/login/?next=/admin/",
        body=body,
        headers=over_tls(
            Host=f"127.0.0.1:{stack.port}",
            Origin=origin,
            Referer=f"{origin}/admin/login/",
            Cookie=f"csrftoken={csrf_cookie}",
            **{"Content-Type": "application/x-www-form-urlencoded"},
        ),
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_the_staff_account_from_the_standard_variables_can_sign_in(stack):
    response = staff_sign_in(stack)
    assert response.status == 302
    assert response.getheader("Location") == "/admin/"
    assert "Secure" in response.getheader("Set-Cookie")


def test_hashed_static_files_carry_the_pages_security_headers(stack):
    _, page_headers, html = fetch(stack.base + "/", headers=over_tls())
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', html).group(1)
    status, headers, _ = fetch(stack.base + stylesheet, headers=over_tls())
    assert status == 200
    for name in ("Content-Security-Policy", "X-Frame-Options", "Cross-Origin-Resource-Policy"):
        assert headers[name] == page_headers[name], name
    assert headers["Permissions-Policy"] == page_headers["Permissions-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Access-Control-Allow-Origin"] is None


def test_big_bodies_get_our_413_page_from_nginx(stack):
    body = b"who=" + b"x" * (1024 * 1024)
    status, headers, html = fetch(
        stack.base + "/self-check/",
        data=body,
        headers=over_tls(**{"Content-Type": "application/x-www-form-urlencoded"}),
    )
    assert status == 413
    assert "That was too much to send" in html
    assert "(844) 744-8783" in html
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_big_bodies_on_a_spanish_address_get_the_spanish_413_page_from_nginx(stack):
    status, _headers, html = fetch(
        stack.base + "/es/self-check/",
        data=b"answer=" + b"x" * (1024 * 1024),
        headers=over_tls(**{"Content-Type": "application/x-www-form-urlencoded"}),
    )
    assert status == 413
    assert '<html lang="es">' in html
    assert "Lo que envió era demasiado grande" in html
    assert "(844) 744-8783" in html
    assert english_words(html) == []


def test_the_access_log_has_no_address_and_no_self_check_step(stack):
    for path in [
        "/self-check/question/warning_signs/",
        "/self-check/result/?a=1",
        "/es/self-check/question/warning_signs/",
        "/es/self-check/check/?change=1",
        "/benefits-of-iop/",
    ]:
        fetch(stack.base + path, headers=over_tls())
    deadline = time.monotonic() + 5
    while "/benefits-of-iop/" not in stack.access_log() and time.monotonic() < deadline:
        time.sleep(0.05)
    log = stack.access_log()
    assert '"GET /benefits-of-iop/" 200' in log
    assert '"GET /self-check/" 302' in log
    assert '"GET /es/self-check/" 302' in log
    assert "warning_signs" not in log and "question" not in log and "result" not in log
    assert "127.0.0.1" not in log and "?" not in log


def test_the_gunicorn_access_log_format_the_readme_suggests_has_no_address_and_no_step():
    readme = (ROOT / "README.md").read_text()
    suggested = re.search(r"--access-logformat '([^']+)'", readme).group(1)
    config = gunicorn_config.Config()
    config.set("access_log_format", suggested)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/self-check/question/warning_signs/?x=1",
        "PATH_INFO": "/self-check/question/warning_signs/",
        "QUERY_STRING": "x=1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_X_FORWARDED_FOR": "198.51.100.7",
    }
    response = types.SimpleNamespace(status="200 OK", sent=1234, headers=[])
    request = types.SimpleNamespace(headers=[("X-FORWARDED-FOR", "198.51.100.7")])
    took = datetime.timedelta(milliseconds=12)
    line = suggested % glogging.Logger(config).atoms(response, request, environ, took)
    assert '"GET"' in line and "200" in line
    for secret in ("203.0.113.9", "198.51.100.7", "warning_signs", "question", "x=1"):
        assert secret not in line


def test_sigterm_stops_nginx_and_gunicorn_and_frees_the_port(stack):
    pids = stack.pids()
    assert stack.stop() == 0
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", stack.port), timeout=1):
        pass


def test_without_nginx_the_stack_says_which_debian_package_to_install(tmp_path):
    env = server_env(STACK_NGINX=str(tmp_path / "no-nginx-here"), STACK_PORT=str(free_port()))
    result = subprocess.run(
        [sys.executable, "deploy/stack.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1
    assert "apt-get install nginx" in result.stderr


def test_by_default_the_stack_needs_no_configuration(tmp_path):
    env = stack_script.app_environment({"PATH": "/usr/bin"}, tmp_path)
    assert env["DATABASE_URL"] == f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert env["DJANGO_HTTPS_ONLY"] == "0"  # plain HTTP on the public port, as `make run`
    assert env["DJANGO_TRUSTED_PROXY_COUNT"] == "1"
    assert len(env["DJANGO_SECRET_KEY"]) >= 50
    given = stack_script.app_environment(
        {"DATABASE_URL": "postgres://db/iop", "REDIS_URL": "redis://127.0.0.1:6379/3"}, tmp_path
    )
    assert given["DATABASE_URL"] == "postgres://db/iop"
    assert given["REDIS_URL"] == "redis://127.0.0.1:6379/3"


def test_gunicorn_listens_only_on_loopback_unless_told_otherwise():
    code = "import runpy; print(runpy.run_path('gunicorn.conf.py')['bind'])"
    env = {k: v for k, v in os.environ.items() if k not in ("GUNICORN_BIND", "PORT")}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "127.0.0.1:8000"
    told = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": "10.0.0.5:8000"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert told.stdout.strip() == "10.0.0.5:8000"


@pytest.mark.django_db
def test_nginx_gets_our_413_and_outage_pages_with_the_phone(tmp_path):
    call_command("render_error_pages", str(tmp_path), verbosity=0)
    too_big = (tmp_path / "413.html").read_text()
    outage = (tmp_path / "503.html").read_text()
    assert "That was too much to send" in too_big
    assert "Sorry, something went wrong on our side" in outage
    for page in (too_big, outage):
        assert "(844) 744-8783" in page
        assert "tel:+18447448783" in page
