"""`make audit-security`: serve the site with production settings over TLS on 127.0.0.1, scan it
with the MDN HTTP Observatory, poke the real server with a few hostile requests, run the deploy
check, and print what failed. Exits non-zero if anything did.

Needs: openssl, node 20+, the scanner in tools/ (the Makefile installs it), gunicorn in .venv.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
SCANNER = ROOT / "tools" / "observatory" / "node_modules" / "@mdn" / "mdn-http-observatory"
HOST = "127.0.0.1"
PORT = int(os.environ.get("AUDIT_PORT", "8121"))
ADMIN_URL = "staff-" + secrets.token_hex(4) + "/"


def production_env(workdir):
    expires = datetime.now(UTC) + timedelta(days=180)
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "iop_site.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
        "DJANGO_ADMIN_URL": ADMIN_URL,
        "DJANGO_SECURITY_TXT_CONTACT": "mailto:security@truerecovery.test",
        "DJANGO_SECURITY_TXT_EXPIRES": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
    }


def make_certificate(workdir):
    """A throwaway self-signed certificate for 127.0.0.1, valid for one day."""
    cert, key = workdir / "cert.pem", workdir / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={HOST}",
            "-addext", f"subjectAltName=IP:{HOST},DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def wait_for_server(context, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with (
                socket.create_connection((HOST, PORT), timeout=1) as sock,
                context.wrap_socket(sock, server_hostname=HOST),
            ):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not start on {HOST}:{PORT}")


def fetch(context, method, path, headers=None, body=None):
    """One request over TLS; returns (status, headers). The path is sent exactly as given."""
    conn_headers = {"Host": f"{HOST}:{PORT}", **(headers or {})}
    conn = http.client.HTTPSConnection(HOST, PORT, context=context, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in conn_headers.items():
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        content = response.read()
        headers = dict(response.getheaders())
        headers["set-cookie-all"] = response.headers.get_all("Set-Cookie") or []
        headers["body"] = content.decode(errors="replace")
        return response.status, headers
    finally:
        conn.close()


def hostile_requests(context):
    """The battery's key cases again, against the real server (gunicorn + WhiteNoise)."""
    cases = [
        ("GET", "/", {}, 200),
        ("TRACE", "/", {}, 405),
        ("PUT", f"/{ADMIN_URL}", {}, 405),
        ("DELETE", "/what-is-iop/", {}, 405),
        ("GET", "/", {"Host": "evil.example"}, 400),
        # What the TLS proxy sends for a plain-HTTP visitor: Django redirects to HTTPS.
        ("GET", "/", {"X-Forwarded-Proto": "http"}, 301),
        ("GET", "/static/../iop_site/settings.py", {}, 404),
        ("GET", "/static/%2e%2e/iop_site/settings.py", {}, 404),
        ("GET", "/static/..%2f..%2fmanage.py", {}, 404),
        ("GET", "/admin/", {}, 404),
        ("GET", f"/{ADMIN_URL}login/", {}, 200),
        ("GET", "/.well-known/security.txt", {}, 200),
        ("GET", "/favicon.ico", {}, 301),
    ]
    failures = []
    for method, path, headers, expected in cases:
        status, _ = fetch(context, method, path, headers)
        mark = "ok  " if status == expected else "FAIL"
        print(f"  {mark} {method:6} {path[:50]:50} {status} (want {expected})")
        if status != expected:
            failures.append(f"{method} {path}: {status}, wanted {expected}")
    return failures


STAFF_SESSION_CODE = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
user = get_user_model().objects.create_superuser("audit", "audit@example.org", "{password}")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def staff_session(manage, env):
    """A signed-in staff session made directly in the audit database (no login form needed)."""
    code = STAFF_SESSION_CODE.format(password=secrets.token_urlsafe(16))
    result = subprocess.run(
        [*manage, "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return result.stdout.strip().splitlines()[-1]


def problem(message, url, status):
    """Errors and warnings count; Chromium's notes ("info") do not, nor the 404 we asked for."""
    if message.startswith(("info:", "verbose:", "log:", "debug:")):
        return False
    return not (status == 404 and f"status of 404 (Not Found) ({url})" in message)


SELF_CHECK_ANSWERS = ["loved_one", "yes", "not_sure", "no", "not_sure", "shakes"]


def walk_self_check(browser, base):
    """Answer every step by clicking, as a visitor would, then ask for the result."""
    failures = []
    browser.open(f"{base}/self-check/")
    steps = [*SELF_CHECK_ANSWERS, "result"]
    for answer in steps:
        browser.forget("Page.loadEventFired")
        if answer == "result":
            submitted = browser.evaluate(
                "(() => { const f = document.querySelector('form[action$=\"/result/\"]');"
                " if (!f) return false; f.requestSubmit(); return true; })()"
            )
        else:
            submitted = browser.evaluate(
                "(() => { const box = document.querySelector("
                f"'input[name=answer][value={answer}]'); if (!box) return false;"
                "box.click(); box.form.requestSubmit(); return true; })()"
            )
        if not submitted:
            failures.append(
                f"self-check: no control for {answer!r} on {browser.evaluate('location.pathname')}"
            )
            break
        browser.wait_for("Page.loadEventFired")
        path = browser.evaluate("location.pathname")
        messages = [m for m in browser.console_messages() if problem(m, path, 200)]
        print(f"  {'ok  ' if not messages else 'FAIL'} self-check: {answer} -> {path}")
        for message in messages:
            print(f"         {message[:220]}")
            failures.append(f"browser console in the self-check at {path}: {message[:120]}")
    heading = browser.evaluate(
        "document.querySelector('h1') && document.querySelector('h1').textContent"
    )
    print(f"  result heading: {heading!r}")
    if browser.evaluate("location.pathname") != "/self-check/result/":
        failures.append("self-check in the browser did not reach the result")
    return failures


def browser_check(session_key):
    """Real Chromium: public pages and the signed-in admin, one admin edit; no console errors."""
    from browser_csp_check import Browser

    base = f"https://{HOST}:{PORT}"
    admin = f"{base}/{ADMIN_URL}"
    pages = [
        f"{base}/",
        f"{base}/what-is-iop/",
        f"{base}/self-check/",
        f"{base}/no-such-page/",
        f"{admin}login/",
    ]
    admin_pages = [
        admin,
        f"{admin}content/page/",
        f"{admin}content/page/add/",
        f"{admin}content/page/1/history/",
        f"{admin}content/page/1/preview/",
        f"{admin}content/page/recover/",
        f"{admin}content/sitesettings/1/change/",
        f"{admin}auth/user/",
        f"{admin}auth/user/add/",
        f"{admin}axes/accessattempt/",
        f"{admin}screening/question/",
        f"{admin}screening/question/1/change/",
        f"{admin}screening/resulttext/1/change/",
        f"{admin}screening/pathbenefit/1/change/",
        f"{admin}screening/outcomecount/",
    ]
    failures = []
    browser = Browser()
    try:

        def visit(url, status=200):
            browser.open(url)
            messages = [m for m in browser.console_messages() if problem(m, url, status)]
            mark = "ok  " if not messages else "FAIL"
            print(f"  {mark} {url.removeprefix(base)}")
            for message in messages:
                print(f"         {message[:220]}")
                failures.append(f"browser console on {url.removeprefix(base)}: {message[:120]}")

        for url in pages:
            visit(url, status=404 if "no-such-page" in url else 200)
        failures.extend(walk_self_check(browser, base))
        browser.call(
            "Network.setCookie",
            session=True,
            name="sessionid",
            value=session_key,
            url=base + "/",
            secure=True,
            httpOnly=True,
        )
        for url in admin_pages:
            visit(url)
        # An edit through the admin, typed and submitted by the browser under the policy.
        visit(f"{admin}content/page/?q=what")
        change_url = browser.evaluate("document.querySelector('#result_list tbody th a').href")
        visit(change_url)
        browser.forget("Page.loadEventFired")
        browser.evaluate(
            "document.querySelector('#id_title').value = 'What IOP is (edited in a browser)';"
            "document.querySelector('input[name=_save]').click();"
        )
        browser.wait_for("Page.loadEventFired")
        landed = browser.evaluate("location.pathname")
        messages = [m for m in browser.console_messages() if problem(m, landed, 200)]
        visit(f"{base}/what-is-iop/")
        heading = browser.evaluate("document.querySelector('h1').textContent")
        saved = landed == f"/{ADMIN_URL}content/page/" and "edited in a browser" in heading
        print(f"  {'ok  ' if saved and not messages else 'FAIL'} admin edit saved: {heading!r}")
        if not saved or messages:
            failures.append(f"admin edit in the browser: landed on {landed}, {messages}")
    finally:
        browser.close()
    return failures


def cookie_flags(context):
    """The self-check sets the only public cookies: each must be Secure, HttpOnly and SameSite."""
    _, start = fetch(context, "GET", "/self-check/")
    csrf = next(c for c in start["set-cookie-all"] if c.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', start["body"]).group(1)
    _, answered = fetch(
        context,
        "POST",
        "/self-check/",
        {
            "Cookie": csrf.split(";")[0],
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}:{PORT}",
            "Referer": f"https://{HOST}:{PORT}/self-check/",
        },
        f"csrfmiddlewaretoken={token}&answer=me".encode(),
    )
    cookies = [csrf, *answered["set-cookie-all"]]
    failures = []
    for cookie in cookies:
        flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
        wanted = {"secure", "httponly", "samesite"}
        mark = "ok  " if wanted <= flags else "FAIL"
        print(f"  {mark} {cookie.split('=')[0]:12} {'; '.join(sorted(flags))}")
        if not wanted <= flags:
            failures.append(f"cookie {cookie.split('=')[0]} lacks {wanted - flags}")
    if not any(c.startswith("sessionid=") for c in cookies):
        failures.append("the self-check POST set no session cookie to check")
    return failures


def observatory(cert):
    env = {**os.environ, "NODE_EXTRA_CA_CERTS": str(cert)}
    result = subprocess.run(
        ["node", str(SCANNER / "src" / "scan.js"), f"{HOST}:{PORT}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise SystemExit(
            f"scanner output was not JSON:\n{result.stdout}\n{result.stderr}"
        ) from error


def main():
    if not (SCANNER / "src" / "scan.js").exists():
        raise SystemExit("Scanner missing: run `make audit-security`, which installs it.")
    failures = []
    workdir = Path(tempfile.mkdtemp(prefix="audit-security-"))
    env = production_env(workdir)
    manage = [str(VENV_BIN / "python"), "manage.py"]
    server = None
    try:
        cert, key = make_certificate(workdir)
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        server = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"), "iop_site.wsgi", "--bind", f"{HOST}:{PORT}",
                "--workers", "1", "--threads", "4",
                "--certfile", str(cert), "--keyfile", str(key),
                # Another gunicorn may already hold the default control socket.
                "--no-control-socket", "--log-level", "warning",
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        context = ssl.create_default_context(cafile=str(cert))
        wait_for_server(context)

        print(f"== MDN HTTP Observatory scan of https://{HOST}:{PORT}/")
        report = observatory(cert)
        if "error" in report:
            raise SystemExit(f"scanner error: {report['error']}")
        scan, tests = report["scan"], report["tests"]
        print(f"  grade {scan['grade']}, score {scan['score']}/100")
        print(f"  tests passed {scan['testsPassed']} of {scan['testsQuantity']}")
        for name, test in sorted(tests.items()):
            mark = "pass" if test["pass"] else "FAIL"
            print(f"  {mark} {name:32} {test['result']} ({test['scoreModifier']:+d})")
            if not test["pass"]:
                failures.append(f"observatory {name}: {test['result']}")
        if scan["grade"] != "A+":
            failures.append(f"observatory grade {scan['grade']}, wanted A+")

        print("== Hostile requests against gunicorn + WhiteNoise over TLS")
        failures += hostile_requests(context)

        print("== Cookies set by the self-check (the only public page that sets any)")
        failures += cookie_flags(context)

        print("== Headless Chromium: console errors (CSP violations) on pages and the admin")
        failures += browser_check(staff_session(manage, env))

        print("== manage.py check --deploy --fail-level WARNING (production environment)")
        check = subprocess.run(
            [*manage, "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        print("  " + (check.stdout + check.stderr).strip().replace("\n", "\n  "))
        print(f"  exit code {check.returncode}")
        if check.returncode:
            failures.append("deploy check failed")
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    print("== Result")
    if failures:
        for failure in failures:
            print(f"  FAILED: {failure}")
        sys.exit(1)
    print("  all checks passed")


if __name__ == "__main__":
    main()
