"""Real servers on 127.0.0.1 for the tests, the benchmark and the audit scripts.

Import it with the repository root on sys.path: `from tests.servers import gunicorn, serve`.
bench/ and scripts/ rely on these names, so extend them rather than rename them:

- `free_port()`, `closed_port()`: a loopback port to serve on, or one where nothing answers.
- `server_env(**overrides)`: the environment of a production-like server (DEBUG off, plain HTTP).
- `throwaway_site(folder)`: settings that keep everything a server writes inside `folder`.
- `manage(env, *args)`, `collect_static(env)`: run manage.py / collectstatic with that environment.
- `serve(command, port, env)`: run any loopback process (gunicorn, nginx, varnish), wait until it
  listens, stop it afterwards; yields the process.
- `gunicorn(env, ...)`: `iop_site.wsgi` on a free port (HTTPS with `tls=(cert, key)`); yields the
  base URL. `gunicorn_command(...)` is its command line, for `serve`.
- `self_signed_certificate(folder)`: a one-day certificate for 127.0.0.1.
- `wait_until_listening(process, port)`, `fetch(url, ...)`, `Visitor`, `form_fields(html)`.
- `CHROMIUM`, `CHROMIUM_ARGS`: the system Chromium and the flags that keep it quiet.
"""

import contextlib
import html.parser
import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without the background-networking flags Chromium phones home at start-up, which is noise in
# the request log and is refused on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port():
    # The kernel picks an unused port, so parallel runs on one machine never collide.
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def closed_port():
    """A loopback port with nothing listening: a stand-in for a service that is down."""
    return free_port()


def server_env(**overrides):
    """A production-like server's environment (DEBUG off, plain HTTP, a fixed throwaway key):
    none of the caller's DJANGO_*, REDIS_* or DATABASE_URL settings, then `overrides`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SECRET_KEY="tests-only-secret-key-not-for-any-real-deployment-0123456789",
        DJANGO_HTTPS_ONLY="0",
        DJANGO_DEBUG="0",
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.update(overrides)
    return env


def throwaway_site(folder):
    """Environment entries that put the database, static and media files, sessions and the
    page-cache generation file in `folder`, so a run leaves the checkout as it found it."""
    folder = Path(folder)
    for kept in ("media", "sessions"):
        (folder / kept).mkdir(parents=True, exist_ok=True)
    return {
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(folder / "staticfiles"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_SESSION_FILE_PATH": str(folder / "sessions"),
        "DJANGO_CONTACT_SNAPSHOT_FILE": str(folder / "contact.json"),
    }


def manage(env, *args, check=True, **kwargs):
    """`manage.py ARGS` with this environment; raises if it fails, unless `check=False`."""
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=check, **kwargs
    )


def collect_static(env):
    """Servers run with production's hashed static files, so collect them when out of date,
    into DJANGO_STATIC_ROOT when the environment names one."""
    static_root = Path(env.get("DJANGO_STATIC_ROOT") or ROOT / "staticfiles")
    manifest = static_root / "staticfiles.json"
    sources = [p for p in (ROOT / "static").rglob("*") if p.is_file()]
    if manifest.exists() and all(p.stat().st_mtime < manifest.stat().st_mtime for p in sources):
        return
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def self_signed_certificate(folder):
    """A throwaway certificate for 127.0.0.1 (and localhost), valid for one day: (cert, key)."""
    cert, key = Path(folder) / "cert.pem", Path(folder) / "key.pem"
    subprocess.run(
        [  # noqa: S607 - the system openssl, as the README says
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={HOST}",
            "-addext", f"subjectAltName=IP:{HOST},DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@contextlib.contextmanager
def serve(command, port, env, log_path=None, timeout=30):
    """Run `command` (which must listen on 127.0.0.1:`port`) from the repository root.

    Yields the process once the port accepts connections; stops it (SIGTERM, then SIGKILL after
    15 s) on the way out. Its output goes to `log_path`, or nowhere.
    """
    log = open(log_path or os.devnull, "ab")  # noqa: SIM115 - closed in finally
    try:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_listening(process, port, timeout)
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        log.close()


def gunicorn_command(port, workers=2, threads=4, tls=None, extra_args=()):
    """`gunicorn iop_site.wsgi` (with our gunicorn.conf.py) on 127.0.0.1:`port`."""
    command = [
        sys.executable, "-m", "gunicorn", "iop_site.wsgi",
        "--bind", f"{HOST}:{port}",
        "--workers", str(workers),
        "--threads", str(threads),
        # gunicorn 27 opens a control socket per server; two on one machine would clash.
        "--no-control-socket",
    ]  # fmt: skip
    if tls:
        cert, key = tls
        command += ["--certfile", str(cert), "--keyfile", str(key)]
    return [*command, *extra_args]


@contextlib.contextmanager
def gunicorn(env, workers=2, threads=4, log_path=None, port=None, tls=None, extra_args=()):
    """Run the site under gunicorn on a free loopback port (or `port`); yields its base URL.

    Static files are collected first. Sizes come from the arguments so tests stay small on a
    shared machine. `tls=(cert, key)` serves HTTPS.
    """
    collect_static(env)
    port = port or free_port()
    command = gunicorn_command(port, workers, threads, tls, extra_args)
    with serve(command, port, env, log_path):
        yield f"{'https' if tls else 'http'}://{HOST}:{port}"


def wait_until_listening(process, port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            command = " ".join(str(arg) for arg in process.args[:4])
            raise RuntimeError(f"{command} exited early with code {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), 0.2):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listened on port {port} within {timeout}s")


def fetch(url, data=None, opener=None, timeout=15, headers=None, method=None):
    """GET (or POST form bytes, or `method`); return (status, headers, body) without raising on
    4xx/5xx. The path is sent as given, `..` and all."""
    opener = opener or urllib.request.build_opener()
    # Only ever our own servers on loopback.
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)  # noqa: S310
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


class Visitor:
    """One browser: its own cookies, talking to whichever server a URL names.

    Redirects are followed unless `follow=False`, which returns the 3xx itself. For HTTPS with a
    certificate of our own, pass an `ssl.SSLContext` that trusts it.
    """

    def __init__(self, ssl_context=None):
        self.cookies = http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.cookies)]
        if ssl_context is not None:
            handlers.append(urllib.request.HTTPSHandler(context=ssl_context))
        self._following = urllib.request.build_opener(*handlers)
        self._direct = urllib.request.build_opener(*handlers, _NoRedirects())

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)

    def request(self, method, url, data=None, headers=None, follow=True):
        opener = self._following if follow else self._direct
        return fetch(url, data=data, opener=opener, headers=headers, method=method)

    def get(self, url, follow=True, headers=None):
        return self.request("GET", url, headers=headers, follow=follow)

    def post(self, url, fields, follow=True, headers=None):
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        return self.request("POST", url, data=data, headers=headers, follow=follow)

    def submit(
        self, base, path, page_html, changes=None, form_with=None, follow=True, headers=None
    ):
        """POST a form as a browser would: its own fields (CSRF token included), then changes.

        The form is the first one on the page, or the first with a field named `form_with`.
        """
        fields = form_fields(page_html, form_with)
        fields.update(changes or {})
        return self.post(base + path, fields, follow=follow, headers=headers)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand 3xx responses back as they are, so a test can check where they point."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class _FormParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.actions = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({})
            self.actions.append(attrs.get("action") or "")
        if not self.forms:
            return
        fields = self.forms[-1]
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") in {"checkbox", "radio"}:
                # Named even when unticked (a browser then sends nothing for it).
                fields.setdefault(name, [])
                if "checked" in attrs:
                    fields[name].append(attrs.get("value", "on"))
            else:
                fields[name] = [attrs.get("value") or ""]
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = [""]
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            fields[self._select].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            # Browsers drop the one newline that may follow <textarea>.
            value = self.forms[-1][self._textarea]
            value[0] = value[0].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1][self._textarea][0] += data


def form_fields(page_html, form_with=None):
    """The fields of the first form on the page, or of the first form that has a field named
    `form_with`, or (when `form_with` starts with "/") of the form posting to that address."""
    parser = _FormParser()
    parser.feed(page_html)
    for form, action in zip(parser.forms, parser.actions, strict=True):
        if form_with is None or form_with in form or form_with == action:
            return dict(form)
    raise AssertionError(f"no form matching {form_with!r} on the page")
