"""`make edge`: the site behind Varnish on 127.0.0.1, in the foreground, until Ctrl+C.

Varnish listens on EDGE_PORT (default 8090) in front of gunicorn on a free loopback port. The app
uses a fresh SQLite database in a temporary folder unless DATABASE_URL (and REDIS_URL) are set,
and sends its purges to this Varnish. With DJANGO_SUPERUSER_USERNAME, _EMAIL and _PASSWORD set, a
staff account is created. Everything started here is stopped, and the temporary folder removed,
on Ctrl+C or SIGTERM.

tests/test_edge.py and bench/run.py start Varnish with `varnish()` from here.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.servers import (  # noqa: E402
    HOST,
    collect_static,
    free_port,
    gunicorn,
    manage,
    serve,
    throwaway_site,
)

VARNISHD_PLACES = ["/usr/sbin/varnishd", "/usr/local/sbin/varnishd"]
MISSING = (
    "Varnish is not installed. On Debian or Ubuntu: sudo apt-get install varnish "
    "(the service it installs can stay stopped; `make edge` runs its own)."
)


def varnishd_path():
    found = shutil.which("varnishd")
    if found:
        return found
    return next((place for place in VARNISHD_PLACES if os.access(place, os.X_OK)), None)


def render_vcl(env, backend_url, destination, purge_from=None):
    """deploy/varnish.vcl filled in for the app at `backend_url`, by the app's own settings."""
    backend = backend_url.removeprefix("http://").rstrip("/")
    extra = ["--purge-from", purge_from] if purge_from else []
    text = subprocess.run(
        [sys.executable, "manage.py", "edge_vcl", "--backend", backend, *extra],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    Path(destination).write_text(text)
    return destination


def varnishd_command(vcl_path, name, port, memory="64m"):
    # Started as root (CI containers), varnishd would switch to the varnish user, which cannot
    # read our private temporary folder; this throwaway instance runs as whoever started it.
    jail = ["-j", "none"] if os.geteuid() == 0 else []
    return [
        varnishd_path(),
        *jail,
        "-F",
        "-n", str(name),
        "-a", f"{HOST}:{port}",
        "-f", str(vcl_path),
        "-s", f"malloc,{memory}",
        # No management port: nothing but this process needs to control it.
        "-T", "none",
    ]  # fmt: skip


@contextlib.contextmanager
def varnish(vcl_path, workdir, port=None, memory="64m", log_path=None):
    """Run varnishd in the foreground on 127.0.0.1:`port`; yield (base URL, its -n folder).

    Its working folder (shared memory for varnishstat, the compiled VCL) is in `workdir`.
    """
    if varnishd_path() is None:
        raise RuntimeError(MISSING)
    port = port or free_port()
    name = Path(workdir) / "varnish"
    base = f"http://{HOST}:{port}"
    command = varnishd_command(vcl_path, name, port, memory)
    with serve(command, port, os.environ.copy(), log_path) as process:
        wait_until_answering(process, base + "/")
        yield base, name


def wait_until_answering(process, url, timeout=30):
    """Until Varnish answers 200 through its backend (the health probe has passed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"varnishd exited early with code {process.returncode}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(url, timeout=2) as response,  # noqa: S310 - loopback
        ):
            if response.status == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"Varnish did not answer {url} within {timeout}s")


def varnish_counters(name):
    """Varnish's counters (cache_hit, cache_miss, ...) by short name, from varnishstat -1."""
    output = subprocess.run(
        ["varnishstat", "-n", str(name), "-1"], capture_output=True, text=True, check=True
    ).stdout
    counters = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            counters[parts[0].removeprefix("MAIN.")] = int(parts[1])
    return counters


def app_env(workdir, edge_url):
    """The app's environment: production-like, plain HTTP on loopback, purging `edge_url`;
    its database (unless DATABASE_URL is set), sessions and media in `workdir`."""
    env = {**os.environ}
    env.setdefault("DJANGO_SECRET_KEY", (ROOT / ".secret-key").read_text().strip())
    site = throwaway_site(workdir)
    # Static files are collected where `make run` keeps them, and only when out of date.
    site.pop("DJANGO_STATIC_ROOT")
    if "DATABASE_URL" in os.environ:
        site.pop("DATABASE_URL")
    env.update(
        site,
        DJANGO_HTTPS_ONLY="0",
        DJANGO_DEBUG="0",
        DJANGO_EDGE_PURGE_URL=edge_url,
        # Varnish is one proxy in front: it adds the visitor's address to X-Forwarded-For.
        DJANGO_TRUSTED_PROXY_COUNT="1",
    )
    # Staff saves purge this Varnish, so it may keep pages longer than the short default meant
    # for an edge that is never told of a save.
    env.setdefault("DJANGO_PAGE_CACHE_SHARED_MAX_AGE", "300")
    env.setdefault("DJANGO_PAGE_CACHE_STALE_WHILE_REVALIDATE", "30")
    env.setdefault("DJANGO_LOG_LEVEL", "INFO")
    return env


def main():
    if varnishd_path() is None:
        raise SystemExit(MISSING)
    port = int(os.environ.get("EDGE_PORT", "8090"))
    workdir = Path(tempfile.mkdtemp(prefix="iop-edge-"))
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        env = app_env(workdir, f"http://127.0.0.1:{port}/")
        # Varnish is not running yet: nothing to purge.
        manage({**env, "DJANGO_EDGE_PURGE_URL": ""}, "migrate", "--noinput", "-v", "0")
        collect_static(env)
        if env.get("DJANGO_SUPERUSER_USERNAME") and env.get("DJANGO_SUPERUSER_PASSWORD"):
            made = manage(env, "createsuperuser", "--noinput", check=False)
            if made.returncode != 0:
                print("(The staff account was not created; it may exist already.)")
        with (
            gunicorn(env, workers=2, threads=4, log_path="/dev/stderr") as app,
            varnish(render_vcl(env, app, workdir / "edge.vcl"), workdir, port) as (edge, _),
        ):
            database = "DATABASE_URL" if "DATABASE_URL" in os.environ else "fresh SQLite"
            cache = "Redis (REDIS_URL)" if env.get("REDIS_URL") else "local memory"
            print(
                f"Varnish on {edge}/ in front of gunicorn on {app}/ "
                f"({database}, page cache in {cache}).\n"
                f"Staff saves purge Varnish. Admin: {edge}/{admin_path(env)} "
                f"Ctrl+C stops everything.",
                flush=True,
            )
            stop.wait()
            print("Stopping Varnish and gunicorn.", flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def admin_path(env):
    return env.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"


if __name__ == "__main__":
    main()
