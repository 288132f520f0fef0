"""Start real gunicorn servers for tests that need separate processes (outages, several servers)."""

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


def free_port():
    # The kernel picks an unused port, so parallel runs on one machine never collide.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port():
    """A loopback port with nothing listening: a stand-in for a service that is down."""
    return free_port()


def server_env(**overrides):
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


def collect_static(env):
    """Servers run with production's hashed static files, so collect them when out of date."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    sources = [p for p in (ROOT / "static").rglob("*") if p.is_file()]
    if manifest.exists() and all(p.stat().st_mtime < manifest.stat().st_mtime for p in sources):
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


@contextlib.contextmanager
def gunicorn(env, workers=2, threads=4, log_path=None):
    """Run `gunicorn iop_site.wsgi` (with our gunicorn.conf.py) on a free loopback port.

    Yields its base URL. Sizes come from the arguments so tests stay small on a shared machine.
    """
    collect_static(env)
    port = free_port()
    log = open(log_path or os.devnull, "wb")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "iop_site.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            # gunicorn 27 opens a control socket per server; two on one machine would clash.
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_listening(process, port)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def wait_until_listening(process, port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited early with code {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not listen on port {port} within {timeout}s")


def fetch(url, data=None, opener=None, timeout=15, headers=None):
    """GET (or POST form bytes); return (status, headers, body) without raising on 4xx/5xx."""
    opener = opener or urllib.request.build_opener()
    # Only ever our own test servers on loopback.
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class Visitor:
    """One browser: its own cookies, talking to whichever server a URL names.

    Redirects are followed unless `follow=False`, which returns the 3xx itself.
    """

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        jar = urllib.request.HTTPCookieProcessor(self.cookies)
        self._following = urllib.request.build_opener(jar)
        self._direct = urllib.request.build_opener(jar, _NoRedirects())

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)

    def get(self, url, follow=True):
        return fetch(url, opener=self._following if follow else self._direct)

    def post(self, url, fields, follow=True):
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        return fetch(url, data=data, opener=self._following if follow else self._direct)

    def submit(self, base, path, page_html, changes=None, form_with=None, follow=True):
        """POST a form as a browser would: its own fields (CSRF token included), then changes.

        The form is the first one on the page, or the first with a field named `form_with`.
        """
        fields = form_fields(page_html, form_with)
        fields.update(changes or {})
        return self.post(base + path, fields, follow=follow)


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
