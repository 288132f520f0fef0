"""`make audit`: Lighthouse's four scores for each public page, served as in production.

Serves the site with gunicorn and WhiteNoise (collected, compressed static files) on 127.0.0.1,
with a throwaway database and static folder, and audits it with Lighthouse driving the system
Chromium. Run from the repository root as `python -m scripts.audit`. Reports go to
test-output/lighthouse/. Exits 1 when accessibility, best practices or SEO is under 100 on any
page; performance is printed only, as it depends on how busy the machine is.
"""

import json
import os
import subprocess
import sys
import tempfile

from tests.servers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    gunicorn,
    manage,
    server_env,
    throwaway_site,
)

LIGHTHOUSE = ROOT / "tools" / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "test-output" / "lighthouse"
PAGES = {
    "home": "/",
    "what-is-iop": "/what-is-iop/",
    "who-is-iop-for": "/who-is-iop-for/",
    "benefits-of-iop": "/benefits-of-iop/",
    "self-check": "/self-check/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MUST_BE_100 = ["accessibility", "best-practices", "seo"]


def run_lighthouse(url, name, attempts=2):
    """Lighthouse sometimes loses its trace on a busy machine (NO_NAVSTART): try once more."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output=html",
        f"--output-path={REPORTS / name}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
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
    below = []
    with tempfile.TemporaryDirectory(prefix="audit-") as workdir:
        env = server_env(**throwaway_site(workdir))
        manage(env, "migrate", "--noinput", "-v0")
        port = int(os.environ["AUDIT_PORT"]) if os.environ.get("AUDIT_PORT") else None
        log = REPORTS / "gunicorn.log"
        log.unlink(missing_ok=True)
        with gunicorn(env, workers=1, threads=4, port=port, log_path=log) as base:
            print(f"{'page':<18}" + "".join(f"{c:>16}" for c in CATEGORIES))
            for name, path in PAGES.items():
                scores, failing = audit(base + path, name)
                print(f"{name:<18}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
                below += [
                    f"{name} {category}: {scores[category]} ({', '.join(ids)})"
                    for category, ids in failing.items()
                    if scores[category] < 100
                ]
    print(f"Reports: {REPORTS.relative_to(ROOT)}/")
    if below:
        print("Under 100:\n  " + "\n  ".join(below))
        sys.exit(1)


if __name__ == "__main__":
    main()
