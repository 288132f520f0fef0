"""`make audit`: Lighthouse's four scores for each public page, served as in production.

Serves the site with gunicorn and WhiteNoise (collected, compressed static files) on 127.0.0.1,
with a throwaway SQLite database, and audits it with Lighthouse driving the system Chromium.
Reports go to test-output/lighthouse/. Exits 1 when accessibility, best practices or SEO is
under 100 on any page; performance is printed only, as it depends on how busy the machine is.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LIGHTHOUSE = BASE_DIR / "tools" / "node_modules" / ".bin" / "lighthouse"
REPORTS = BASE_DIR / "test-output" / "lighthouse"
PORT = int(os.environ.get("AUDIT_PORT", "8150"))
PAGES = {
    "home": "/",
    "what-is-iop": "/what-is-iop/",
    "who-is-iop-for": "/who-is-iop-for/",
    "benefits-of-iop": "/benefits-of-iop/",
    "self-check": "/self-check/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MUST_BE_100 = ["accessibility", "best-practices", "seo"]
# Without the background-networking flags Chromium tries to reach its vendor at start-up.
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def wait_until_up(url, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("The server stopped before it answered.")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own 127.0.0.1)
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    sys.exit(f"No answer from {url} after {seconds}s.")


def run_lighthouse(url, name, attempts=2):
    """Lighthouse sometimes loses its trace on a busy machine (NO_NAVSTART): try once more."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output=html",
        f"--output-path={REPORTS / name}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for attempt in range(1, attempts + 1):
        if subprocess.run(command, env=env).returncode == 0:
            return
        print(f"Lighthouse failed on {url} (attempt {attempt} of {attempts}).")
    sys.exit(f"Lighthouse could not audit {url}.")


def audit(url, name):
    run_lighthouse(url, name)
    report = json.loads((REPORTS / f"{name}.report.json").read_text())
    failing = {
        category: [
            audit_id
            for audit_id, result in report["audits"].items()
            if result.get("score") is not None
            and result["score"] < 1
            and audit_id
            in {ref["id"] for ref in report["categories"][category]["auditRefs"] if ref["weight"]}
        ]
        for category in MUST_BE_100
    }
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    return scores, failing


def main():
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: `make audit` installs it into tools/.")
    REPORTS.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "audit-only-" + "x" * 40,
            "DJANGO_HTTPS_ONLY": "0",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": f"sqlite:///{tmp}/audit.sqlite3",
        }
        manage = [python, str(BASE_DIR / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True, env=env)
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], check=True, env=env)
        gunicorn = [python, "-m", "gunicorn", "iop_site.wsgi", "--bind", f"127.0.0.1:{PORT}"]
        server = subprocess.Popen(
            [*gunicorn, "--workers", "1", "--log-level", "warning"],
            cwd=BASE_DIR,
            env=env,
        )
        try:
            base = f"http://127.0.0.1:{PORT}"
            wait_until_up(base + "/", server)
            print(f"{'page':<18}" + "".join(f"{c:>16}" for c in CATEGORIES))
            below = []
            for name, path in PAGES.items():
                scores, failing = audit(base + path, name)
                print(f"{name:<18}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
                below += [
                    f"{name} {category}: {scores[category]} ({', '.join(ids)})"
                    for category, ids in failing.items()
                    if scores[category] < 100
                ]
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"Reports: {REPORTS.relative_to(BASE_DIR)}/")
    if below:
        print("Under 100:\n  " + "\n  ".join(below))
        sys.exit(1)


if __name__ == "__main__":
    main()
