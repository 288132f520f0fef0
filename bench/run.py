"""Benchmark the site under gunicorn against the same HTML served as a static file.

`make bench` runs this. It builds a throwaway production-like setup (DEBUG off, a generated key,
a fresh SQLite database, collectstatic), starts gunicorn on 127.0.0.1, and drives each path with
wrk in turn: the static copy of a page right before the page itself, so both are measured under
the same machine load. It prints one line per path, the first-visit weight of an article, and
each worker's resident memory afterwards, then stops what it started by PID.

The figures are only as quiet as the machine: the load average is printed with them.
"""

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CEILING_DIR = "bench-ceiling"
PAGES = [("article", "/what-is-iop/"), ("home", "/")]

RENDER_CEILING = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from django.test import Client
    client = Client(HTTP_HOST=sys.argv[1])
    for name, path in zip(sys.argv[2::2], sys.argv[3::2]):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        with open(name, "wb") as file:
            file.write(response.content)
    """
)


def run(command, env, **kwargs):
    return subprocess.run(command, cwd=BASE_DIR, env=env, check=True, **kwargs)


def prepare(env, host):
    python = str(VENV_BIN / "python")
    run([python, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    run([python, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    # The ceiling: the exact bytes of each page, as a file WhiteNoise serves (it indexes the
    # static root when a worker starts, so the files must exist before gunicorn does).
    ceiling = BASE_DIR / "staticfiles" / CEILING_DIR
    ceiling.mkdir(exist_ok=True)
    arguments = []
    for name, path in PAGES:
        arguments += [str(ceiling / f"{name}.html"), path]
    run([python, "-c", RENDER_CEILING, host, *arguments], env)
    return ceiling


def start_gunicorn(env, port, workers, log):
    command = [
        str(VENV_BIN / "gunicorn"),
        "iop_site.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--no-control-socket",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=log)
    try:
        wait_until_ready(process, port, log)
    except BaseException:
        stop(process)
        raise
    return process


def wait_until_ready(process, port, log):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.flush()
            raise SystemExit(
                f"gunicorn exited with {process.returncode}:\n" + Path(log.name).read_text()[-3000:]
            )
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:  # refused or timed out while workers boot
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 30 seconds")


def stop(process):
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output):
    def latency(percent):
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        return float(found.group(1)) * UNITS[found.group(2)] if found else float("nan")

    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    errors += int(bad_status.group(1)) if bad_status else 0
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "p50": latency(50),
        "p99": latency(99),
        "errors": errors,
    }


def wrk(url, seconds, connections, threads, script=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    return parse_wrk(output)


def first_visit_weight(origin, path):
    """Compressed bytes of the HTML and everything it makes the browser fetch."""
    accept = {"Accept-Encoding": "br, gzip"}
    _, _, html = fetch(origin + path, accept)
    _, _, plain_html = fetch(origin + path)
    text = plain_html.decode()
    assets = re.findall(r'<link[^>]+href="(/static/[^"]+)"', text)
    assets += re.findall(r'<(?:script|img)[^>]+src="(/static/[^"]+|/media/[^"]+)"', text)
    blocking_css = [
        tag
        for tag in re.findall(r"<link[^>]+>", text)
        if 'rel="stylesheet"' in tag and 'media="print"' not in tag
    ]
    blocking_js = [
        tag
        for tag in re.findall(r"<script[^>]*>", text)
        if "src=" in tag and not re.search(r"\b(defer|async)\b|type=\"module\"", tag)
    ]
    total = len(html)
    parts = [f"HTML {len(html)} B ({len(plain_html)} B uncompressed)"]
    for asset in assets:
        _, headers, body = fetch(origin + asset, accept)
        total += len(body)
        parts.append(
            f"{asset.rsplit('/', 1)[-1]} {len(body)} B "
            f"{headers.get('Content-Encoding', 'identity')}, "
            f"{headers.get('Cache-Control', 'no Cache-Control')}"
        )
    return total, parts, len(blocking_css), len(blocking_js)


SCREENING_START = "/self-check/"
SCREENING_STEP = "/self-check/question/rather_not_live_in/"
LUA_STEP = """
local sessions = {%s}
local counter = 0
request = function()
  counter = counter %% #sessions + 1
  local session = sessions[counter]
  return wrk.format("POST", "%s", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = session[1],
  }, session[2])
end
"""


def start_screening(origin):
    """A visitor who has chosen "me": returns their Cookie header and a valid form body."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(origin + SCREENING_START, timeout=10) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())
    token = token.group(1)
    body = urllib.parse.urlencode({"answer": "me", "csrfmiddlewaretoken": token}).encode()
    with opener.open(origin + SCREENING_START, data=body, timeout=10) as response:
        expect(response.url.endswith(SCREENING_STEP), f"choosing 'me' led to {response.url}")
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    expect("sessionid=" in cookie and "csrftoken=" in cookie, f"no session: {cookie}")
    step_body = urllib.parse.urlencode({"answer": "yes", "csrfmiddlewaretoken": token})
    # One check that the step is accepted (302 onwards), not bounced to the start or refused.
    request = urllib.request.Request(
        origin + SCREENING_STEP, data=step_body.encode(), headers={"Cookie": cookie}
    )
    with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
        location = response.headers.get("Location", "")
        expect(response.status == 302, f"the step answered {response.status}")
        expect("stepping_down" in location, f"the step redirected to {location}")
    return cookie, step_body


def expect(condition, problem):
    if not condition:
        raise SystemExit(f"The self-check did not behave as the benchmark expects: {problem}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, request, response, code, message, headers):
        return response


def bench_screening_step(origin, workdir, options):
    """Each connection's requests rotate over their own visitors' sessions, as real ones would."""
    visitors = [start_screening(origin) for _ in range(options.connections)]
    script = workdir / "step.lua"
    rows = ", ".join(f"{{{lua_string(cookie)}, {lua_string(body)}}}" for cookie, body in visitors)
    script.write_text(LUA_STEP % (rows, SCREENING_STEP))
    results = []
    for _ in range(options.rounds):
        url = origin + SCREENING_STEP
        wrk(url, options.warmup, options.connections, options.threads, str(script))
        results.append(wrk(url, options.seconds, options.connections, options.threads, str(script)))
    return combine(results)


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


EDIT_PAGE = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from content.models import Page
    page = Page.objects.get(slug=sys.argv[1])
    page.title = sys.argv[2]
    page.save()
    """
)


def staff_edit_reaches_every_worker(env, origin, path, tries=30):
    """Every worker has the page cached by now; after a save, each visit must show the edit."""
    title = f"Edited {secrets.token_hex(4)}"
    run([str(VENV_BIN / "python"), "-c", EDIT_PAGE, path.strip("/"), title], env)
    seen = sum(title in fetch(origin + path)[2].decode() for _ in range(tries))
    return seen, tries


def combine(results):
    """Rounds taken in turn with the static copy: mean rate, and the worst p99 of any round."""
    return {
        "rps": sum(r["rps"] for r in results) / len(results),
        "p50": sum(r["p50"] for r in results) / len(results),
        "p99": max(r["p99"] for r in results),
        "errors": sum(r["errors"] for r in results),
    }


def print_row(label, result, size, ceiling=None):
    ratio = f"{result['rps'] / ceiling:5.2f}x" if ceiling else "    - "
    print(
        f"{label:<34} {result['rps']:8.0f} {result['p50']:7.2f} {result['p99']:7.2f} "
        f"{result['errors']:6d} {size:6d}   {ratio}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8130)
    parser.add_argument("--seconds", type=int, default=10, help="measured seconds per path")
    parser.add_argument(
        "--rounds", type=int, default=2, help="static copy and page measured in turn this often"
    )
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured seconds per path")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3)
    options = parser.parse_args()

    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed. On Debian or Ubuntu: sudo apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="iop-bench-"))
    host = f"127.0.0.1:{options.port}"
    origin = f"http://{host}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iop_site.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        # Loopback has no TLS proxy in front; everything else is as in production.
        "DJANGO_HTTPS_ONLY": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DJANGO_PAGE_CACHE_GENERATION_FILE": str(workdir / "page-generation"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    ceiling = None
    process = None
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 - closed in finally
    try:
        ceiling = prepare(env, host)
        process = start_gunicorn(env, options.port, options.workers, log)
        print(
            f"gunicorn {options.workers} sync workers on {host}; wrk -t{options.threads} "
            f"-c{options.connections} -d{options.seconds}s x {options.rounds} rounds, each after "
            f"{options.warmup}s warm-up; "
            f"{os.cpu_count()} CPUs; load average before: "
            + " ".join(f"{n:.2f}" for n in os.getloadavg()),
            flush=True,
        )
        cache_backend = "Redis" if os.environ.get("REDIS_URL") else "local memory"
        print(f"page cache: {cache_backend}", flush=True)
        print(
            f"{'path':<34} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
            f"{'bytes':>6}   vs static"
        )
        for name, path in PAGES:
            static_path = f"/static/{CEILING_DIR}/{name}.html"
            _, _, static_body = fetch(origin + static_path)
            _, _, page_body = fetch(origin + path)
            if static_body != page_body:
                print(f"  note: the static copy of {path} differs from what gunicorn served")
            runs = {static_path: [], path: []}
            for _ in range(options.rounds):
                for url, results in runs.items():
                    wrk(origin + url, options.warmup, options.connections, options.threads)
                    results.append(
                        wrk(origin + url, options.seconds, options.connections, options.threads)
                    )
            static_result = combine(runs[static_path])
            print_row(f"static copy of {name}", static_result, len(static_body))
            print_row(path, combine(runs[path]), len(page_body), static_result["rps"])

        step_result = bench_screening_step(origin, workdir, options)
        print_row(f"POST {SCREENING_STEP} (302)", step_result, 0)

        total, parts, blocking_css, blocking_js = first_visit_weight(origin, PAGES[0][1])
        print(
            f"first visit to {PAGES[0][1]}: {total} B compressed in total; "
            f"render-blocking: {blocking_css} stylesheet(s), {blocking_js} script(s)"
        )
        for part in parts:
            print(f"  {part}")
        seen, tries = staff_edit_reaches_every_worker(env, origin, PAGES[0][1])
        print(f"a save from another process, then {tries} visits: {seen} show the edit")
        pids = worker_pids(process.pid)
        print(
            "worker RSS after the run: "
            + ", ".join(f"{rss_mb(pid):.1f} MB" for pid in pids)
            + f" (master {rss_mb(process.pid):.1f} MB)"
        )
        print("load average after: " + " ".join(f"{n:.2f}" for n in os.getloadavg()))
    finally:
        if process is not None:
            stop(process)
        log.close()
        if ceiling is not None:
            shutil.rmtree(ceiling, ignore_errors=True)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
