"""`make audit-security`: serve the site with production settings over TLS on 127.0.0.1, scan it
with the MDN HTTP Observatory, poke the real server with a few hostile requests, walk the pages,
the self-check and the signed-in admin in headless Chromium, run the deploy check, and print what
failed. Exits non-zero if anything did.

Run from the repository root as `python -m scripts.audit_security`. Everything the server writes
goes to a temporary folder; its log is kept in test-output/audit-security/gunicorn.log.
Needs: openssl, node 20+, the scanner in tools/ (the Makefile installs it), /usr/bin/chromium.
"""

import json
import os
import secrets
import ssl
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta

from scripts.browser_csp_check import chromium_tab
from tests.browser.selfcheck import SCENARIOS, click_through
from tests.servers import (
    HOST,
    ROOT,
    Visitor,
    free_port,
    gunicorn,
    manage,
    self_signed_certificate,
    server_env,
    throwaway_site,
)

SCANNER = ROOT / "tools" / "observatory" / "node_modules" / "@mdn" / "mdn-http-observatory"
LOG = ROOT / "test-output" / "audit-security" / "gunicorn.log"
ADMIN = "/staff-" + secrets.token_hex(4) + "/"
STAFF = {"username": "audit", "password": secrets.token_urlsafe(16)}


def production_env(workdir):
    expires = datetime.now(UTC) + timedelta(days=180)
    return server_env(
        **throwaway_site(workdir),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_HTTPS_ONLY="1",
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DJANGO_ADMIN_URL=ADMIN,
        DJANGO_SECURITY_TXT_CONTACT="mailto:security@truerecovery.test",
        DJANGO_SECURITY_TXT_EXPIRES=expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
        DJANGO_SUPERUSER_PASSWORD=STAFF["password"],
    )


def hostile_requests(base, context):
    """The battery's key cases again, against the real server (gunicorn + WhiteNoise)."""
    cases = [
        ("GET", "/", {}, 200),
        ("TRACE", "/", {}, 405),
        ("PUT", ADMIN, {}, 405),
        ("DELETE", "/what-is-iop/", {}, 405),
        ("GET", "/", {"Host": "evil.example"}, 400),
        # What the TLS proxy sends for a plain-HTTP visitor: Django redirects to HTTPS.
        ("GET", "/", {"X-Forwarded-Proto": "http"}, 301),
        ("GET", "/static/../iop_site/settings.py", {}, 404),
        ("GET", "/static/%2e%2e/iop_site/settings.py", {}, 404),
        ("GET", "/static/..%2f..%2fmanage.py", {}, 404),
        ("GET", "/admin/", {}, 404),
        ("GET", f"{ADMIN}login/", {}, 200),
        ("GET", "/.well-known/security.txt", {}, 200),
        ("GET", "/favicon.ico", {}, 301),
    ]
    failures = []
    for method, path, headers, expected in cases:
        status, _, _ = Visitor(context).request(method, base + path, headers=headers, follow=False)
        mark = "ok  " if status == expected else "FAIL"
        print(f"  {mark} {method:6} {path[:50]:50} {status} (want {expected})")
        if status != expected:
            failures.append(f"{method} {path}: {status}, wanted {expected}")
    return failures


def cookie_flags(base, context):
    """The self-check sets the only public cookies: each must be Secure, HttpOnly and SameSite."""
    visitor = Visitor(context)
    _, start, page = visitor.get(base + "/self-check/")
    # Over HTTPS Django's CSRF check wants to see where the form came from, as browsers say.
    origin = {"Origin": base, "Referer": base + "/self-check/"}
    _, answered, _ = visitor.submit(
        base, "/self-check/", page, {"answer": "me"}, follow=False, headers=origin
    )
    cookies = (start.get_all("Set-Cookie") or []) + (answered.get_all("Set-Cookie") or [])
    failures = []
    wanted = {"secure", "httponly", "samesite"}
    for cookie in cookies:
        name = cookie.split("=")[0]
        flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
        print(f"  {'ok  ' if wanted <= flags else 'FAIL'} {name:12} {'; '.join(sorted(flags))}")
        if not wanted <= flags:
            failures.append(f"cookie {name} lacks {wanted - flags}")
    if not any(c.startswith("sessionid=") for c in cookies):
        failures.append("the self-check POST set no session cookie to check")
    return failures


PUBLIC_PAGES = ["/", "/what-is-iop/", "/self-check/", f"{ADMIN}login/"]
ADMIN_PAGES = [
    "",
    "content/page/",
    "content/page/add/",
    "content/page/1/history/",
    "content/page/1/preview/",
    "content/page/recover/",
    "content/sitesettings/1/change/",
    "auth/user/",
    "auth/user/add/",
    "axes/accessattempt/",
    "screening/question/",
    "screening/question/1/change/",
    "screening/resulttext/1/change/",
    "screening/pathbenefit/1/change/",
    "screening/outcomecount/",
]


def browser_check(base):
    """Real Chromium: public pages, the self-check by clicking, the signed-in admin and one edit
    through it. No console error or warning, no request for another host, on any of them."""
    failures = []

    def report(tab, what, extra=None, expected_404=None):
        problems = tab.problems(expected_404) + ([extra] if extra else [])
        print(f"  {'FAIL' if problems else 'ok  '} {what}")
        for problem in problems:
            print(f"         {problem[:220]}")
            failures.append(f"browser, {what}: {problem[:120]}")

    def visit(tab, path, status=200):
        response = tab.open(path)
        wrong = None
        if response.status != status or tab.path != path.split("?")[0]:
            wrong = f"answered {response.status} at {tab.path}, wanted {status} at {path}"
        report(tab, path, wrong, expected_404=path if status == 404 else None)

    with chromium_tab(base) as tab:
        for path in PUBLIC_PAGES:
            visit(tab, path)
        visit(tab, "/no-such-page/", status=404)

        def on_step(step):
            report(tab, f"self-check {step}: {tab.path}")

        click_through(tab, SCENARIOS["detox-first"], on_page=on_step)
        print(f"  result heading: {tab.page.text_content('h1')!r}")

        # Signing in goes through the login form, so it runs under the policy too.
        tab.open(f"{ADMIN}login/")
        tab.page.fill("#id_username", STAFF["username"])
        tab.page.fill("#id_password", STAFF["password"])
        with tab.page.expect_navigation():
            tab.page.click("#login-form [type=submit]")
        signed_in = None if tab.path == ADMIN else f"still at {tab.path} after signing in"
        report(tab, "staff sign-in", signed_in)
        for path in ADMIN_PAGES:
            visit(tab, ADMIN + path)

        # An edit typed and saved in the admin, then seen on the public page.
        visit(tab, f"{ADMIN}content/page/?q=what")
        with tab.page.expect_navigation():
            tab.page.click("#result_list tbody th a")
        tab.page.fill("#id_title", "What IOP is (edited in a browser)")
        with tab.page.expect_navigation():
            tab.page.click("input[name=_save]")
        landed = tab.path
        tab.open("/what-is-iop/")
        heading = tab.page.text_content("h1")
        saved = landed == f"{ADMIN}content/page/" and "edited in a browser" in heading
        report(tab, f"admin edit saved: {heading!r}", None if saved else f"landed on {landed}")
    return failures


def observatory(cert, port):
    env = {**os.environ, "NODE_EXTRA_CA_CERTS": str(cert)}
    result = subprocess.run(
        ["node", str(SCANNER / "src" / "scan.js"), f"{HOST}:{port}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise SystemExit(
            f"scanner output was not JSON:\n{result.stdout}\n{result.stderr}"
        ) from error
    if "error" in report:
        raise SystemExit(f"scanner error: {report['error']}")
    scan = report["scan"]
    print(f"  grade {scan['grade']}, score {scan['score']}/100")
    print(f"  tests passed {scan['testsPassed']} of {scan['testsQuantity']}")
    failures = []
    for name, test in sorted(report["tests"].items()):
        mark = "pass" if test["pass"] else "FAIL"
        print(f"  {mark} {name:32} {test['result']} ({test['scoreModifier']:+d})")
        if not test["pass"]:
            failures.append(f"observatory {name}: {test['result']}")
    if scan["grade"] != "A+":
        failures.append(f"observatory grade {scan['grade']}, wanted A+")
    return failures


def deploy_check(env):
    check = manage(
        env, "check", "--deploy", "--fail-level", "WARNING", check=False, capture_output=True
    )
    output = (check.stdout + check.stderr).decode().strip()
    print("  " + output.replace("\n", "\n  "))
    print(f"  exit code {check.returncode}")
    return ["deploy check failed"] if check.returncode else []


def main():
    if not (SCANNER / "src" / "scan.js").exists():
        raise SystemExit("Scanner missing: run `make audit-security`, which installs it.")
    port = int(os.environ.get("AUDIT_PORT") or free_port())
    failures = []
    LOG.parent.mkdir(parents=True, exist_ok=True)
    LOG.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="audit-security-") as workdir:
        env = production_env(workdir)
        cert, key = self_signed_certificate(workdir)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "createsuperuser", "--noinput", "--username", STAFF["username"],
               "--email", "audit@example.org")  # fmt: skip
        context = ssl.create_default_context(cafile=str(cert))
        with gunicorn(env, workers=1, port=port, tls=(cert, key), log_path=LOG) as base:
            print(f"== MDN HTTP Observatory scan of {base}/")
            failures += observatory(cert, port)

            print("== Hostile requests against gunicorn + WhiteNoise over TLS")
            failures += hostile_requests(base, context)

            print("== Cookies set by the self-check (the only public page that sets any)")
            failures += cookie_flags(base, context)

            print("== Headless Chromium: pages, self-check, signed-in admin, one edit")
            failures += browser_check(base)

        print("== manage.py check --deploy --fail-level WARNING (production environment)")
        failures += deploy_check(env)

    print("== Result")
    if failures:
        for failure in failures:
            print(f"  FAILED: {failure}")
        print(f"  server log: {LOG.relative_to(ROOT)}")
        sys.exit(1)
    print("  all checks passed")


if __name__ == "__main__":
    main()
