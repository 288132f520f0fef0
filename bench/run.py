"""Benchmark the site's cached pages against the ceiling of a static file, side by side.

`make bench` runs this. In a temporary folder (nothing in the checkout is written) it builds a
production-like site (DEBUG off, a fresh SQLite database, collected static files) and starts, all
on 127.0.0.1 at once:
- the ceiling: each page's exact HTML (and its .gz/.br copies) as files, served by a bare
  WhiteNoise app (bench/static_app.py) under the same gunicorn command and gunicorn.conf.py;
- the site with its page cache in local memory;
- the site with its page cache in Redis (db 15 of 127.0.0.1 by default; only that db is flushed);
- Varnish (deploy/varnish.vcl) in front of the local-memory site.
wrk then drives each of them in turn, round after round in a rotating order, so slow moments of
a shared machine fall on all of them alike. It prints per page the median over rounds with the
spread (lowest-highest), each target's rate as a share of the ceiling's in the same round, p50,
p99, the bytes of the HTML with and without compression, and the load average. Then a
self-check step, the first-visit weight of an article, a staff save reaching every worker and
Varnish (with its purge time), and worker memory. It stops what it started.
"""

import argparse
import contextlib
import http.client
import http.cookiejar
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.edge import render_vcl, varnish, varnish_counters, varnishd_path  # noqa: E402
from tests.servers import (  # noqa: E402
    HOST,
    collect_static,
    free_port,
    gunicorn_command,
    manage,
    serve,
    server_env,
    throwaway_site,
)

PAGES = [("article", "/what-is-iop/"), ("home", "/")]
DEFAULT_REDIS = "redis://127.0.0.1:6379/15"
# The test suite's PostgreSQL pass flushes this one; never share it.
SUITE_REDIS_DB = 7


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def wire_bytes(url, encoding):
    """(bytes of the body as sent, Content-Encoding) for one Accept-Encoding."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path, headers={"Accept-Encoding": encoding})
        response = connection.getresponse()
        return len(response.read()), response.getheader("Content-Encoding", "identity")
    finally:
        connection.close()


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


def wrk(url, seconds, connections, threads, script=None, encoding=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if encoding:
        command += ["-H", f"Accept-Encoding: {encoding}"]
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
    return {
        "rps": statistics.median(r["rps"] for r in results),
        "p50": statistics.median(r["p50"] for r in results),
        "p99": statistics.median(r["p99"] for r in results),
        "errors": sum(r["errors"] for r in results),
    }


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


EDIT_PAGE = textwrap.dedent(
    """
    import logging, sys, time
    import django
    django.setup()
    from content.models import Page
    page = Page.objects.get(slug=sys.argv[1])
    page.title = sys.argv[2]
    started = time.perf_counter()
    page.save()  # autocommit: the after-commit purge runs inside save()
    print(f"save {(time.perf_counter() - started) * 1000:.1f}", flush=True)
    """
)


def staff_edit(env, app, edge, path, in_a_row=30, timeout=15):
    """Every worker and Varnish have the page by now: how soon does each visitor see a save?"""
    title = f"Edited {secrets.token_hex(4)}"
    saving = subprocess.Popen(
        [sys.executable, "-c", EDIT_PAGE, path.strip("/"), title],
        cwd=ROOT,
        env={**env, "DJANGO_LOG_LEVEL": "INFO", "DJANGO_SETTINGS_MODULE": "iop_site.settings"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The save prints its time as soon as it returns; the process then waits for its follow-up
    # purge, so the clock starts at that line.
    saved_line = saving.stdout.readline()
    started = time.perf_counter()
    if not saved_line.startswith("save "):
        saving.wait()
        raise SystemExit("The staff edit failed:\n" + saving.stderr.read()[-3000:])
    _, headers, body = fetch(edge + path)
    result = {
        "save_ms": float(saved_line.split()[1]),
        "edge_next": title in body.decode(),
        "edge_cache": headers.get("X-Cache", "?"),
    }
    for name, origin in (("app", app), ("edge", edge)):
        seen = 0
        while seen < in_a_row and time.perf_counter() - started < timeout:
            seen = seen + 1 if title in fetch(origin + path)[2].decode() else 0
        result[f"{name}_all_ms"] = (time.perf_counter() - started) * 1000
        result[f"{name}_settled"] = seen >= in_a_row
    saving.wait(timeout=30)
    purge = re.search(r"Edge purge of .* took ([\d.]+) ms", saving.stderr.read())
    result["purge_ms"] = float(purge.group(1)) if purge else float("nan")
    return result


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load_average():
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def redis_ready(url):
    """True when Redis answers at `url`; its database is flushed (only that one)."""
    import redis

    index = int(urllib.parse.urlsplit(url).path.strip("/") or 0)
    if index == SUITE_REDIS_DB:
        raise SystemExit(f"Redis db {SUITE_REDIS_DB} belongs to the test suite; use another.")
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        client.flushdb()
    except redis.RedisError as error:
        print(f"Redis at {url} is not answering ({error}); its row is left out.")
        return False
    return True


@contextlib.contextmanager
def site(command, port, env, log):
    """A server from `command`, waited for; yields (base URL, its process)."""
    with serve(command, port, env, log) as process:
        base = f"http://{HOST}:{port}"
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError):
                if fetch(base + "/")[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit(f"{command[3]} on port {port} did not answer within 30 seconds")
            time.sleep(0.2)
        yield base, process


def write_ceiling(app, folder):
    """The HTML each page sends, as files WhiteNoise serves at the same paths, compressed once."""
    for _name, path in PAGES:
        _, _, body = fetch(app + path)
        target = folder / path.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    subprocess.run(
        [sys.executable, "-m", "whitenoise.compress", "--quiet", str(folder)], check=True
    )


def spread(values, digits=0):
    values = sorted(values)
    middle = statistics.median(values)
    return f"{middle:.{digits}f} [{values[0]:.{digits}f}-{values[-1]:.{digits}f}]"


def print_page(name, path, targets, results, rounds):
    print(f"\n{name} {path}: median [lowest-highest] of {rounds} rounds")
    print(
        f"  {'target':<16} {'req/s':>20} {'x ceiling':>18} {'p50 ms':>18} {'p99 ms':>20} "
        f"{'errors':>6}"
    )
    ceiling = results["ceiling"]
    for target in targets:
        runs = results[target]
        ratios = [run["rps"] / base["rps"] for run, base in zip(runs, ceiling, strict=True)]
        print(
            f"  {target:<16} {spread([r['rps'] for r in runs]):>20} "
            f"{spread(ratios, 2):>18} {spread([r['p50'] for r in runs], 2):>18} "
            f"{spread([r['p99'] for r in runs], 2):>20} {sum(r['errors'] for r in runs):>6}",
            flush=True,
        )
    base_p99 = statistics.median(r["p99"] for r in ceiling)
    for target in targets[1:]:
        gap = statistics.median(r["p99"] for r in results[target]) - base_p99
        print(f"  p99 of {target} minus the ceiling's: {gap:+.2f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="measured seconds per run")
    parser.add_argument("--rounds", type=int, default=5, help="rounds over every target")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured seconds per run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per server")
    parser.add_argument("--worker-threads", type=int, default=2, help="threads per worker")
    parser.add_argument(
        "--encoding", default="br, gzip", help="Accept-Encoding wrk sends (as browsers do)"
    )
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    options = parser.parse_args()

    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed. On Debian or Ubuntu: sudo apt-get install wrk")
    with tempfile.TemporaryDirectory(prefix="iop-bench-") as folder:
        run_bench(Path(folder), options)


def run_bench(workdir, options):
    logs = workdir / "logs"
    logs.mkdir()
    edge_port = free_port()
    env = server_env(
        **throwaway_site(workdir),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_EDGE_PURGE_URL=f"http://{HOST}:{edge_port}/",
        DJANGO_TRUSTED_PROXY_COUNT="1",
        # As `make edge` runs it: purged on save, so Varnish may keep pages for minutes.
        DJANGO_PAGE_CACHE_SHARED_MAX_AGE="300",
        DJANGO_PAGE_CACHE_STALE_WHILE_REVALIDATE="30",
    )
    # Varnish is not running yet: nothing to purge.
    manage({**env, "DJANGO_EDGE_PURGE_URL": ""}, "migrate", "--noinput", "-v", "0")
    collect_static(env)
    redis_env = {**env, "REDIS_URL": options.redis}
    use_redis = redis_ready(options.redis)
    sizes = (options.workers, options.worker_threads)

    def app_command(port, module="iop_site.wsgi"):
        command = gunicorn_command(port, *sizes)
        return [module if part == "iop_site.wsgi" else part for part in command]

    targets = {}
    with contextlib.ExitStack() as stack:
        port = free_port()
        local, local_process = stack.enter_context(
            site(app_command(port), port, env, logs / "local.log")
        )
        targets["local memory"] = local
        ceiling_root = workdir / "ceiling"
        write_ceiling(local, ceiling_root)
        port = free_port()
        ceiling, _ = stack.enter_context(
            site(
                app_command(port, "bench.static_app:application"),
                port,
                {**env, "BENCH_STATIC_ROOT": str(ceiling_root)},
                logs / "ceiling.log",
            )
        )
        targets = {"ceiling": ceiling, **targets}
        if use_redis:
            port = free_port()
            targets["Redis"], _ = stack.enter_context(
                site(app_command(port), port, redis_env, logs / "redis.log")
            )
        edge_name = None
        if varnishd_path():
            vcl = render_vcl(env, local, workdir / "edge.vcl")
            targets["Varnish"], edge_name = stack.enter_context(
                varnish(vcl, workdir, edge_port, memory="128m", log_path=logs / "varnish.log")
            )
        else:
            print("varnishd is not installed (sudo apt-get install varnish); its row is left out.")

        print(
            f"{len(targets)} servers on {HOST}, each gunicorn {options.workers} workers x "
            f"{options.worker_threads} threads (gunicorn.conf.py); wrk -t{options.threads} "
            f"-c{options.connections} -d{options.seconds}s after {options.warmup}s warm-up, "
            f"Accept-Encoding: {options.encoding!r}; {options.rounds} rounds in rotating order; "
            f"{os.cpu_count()} CPUs",
            flush=True,
        )
        print(f"load average before: {load_average()}", flush=True)
        for _name, path in PAGES:
            # Pages name their own address (canonical link), so each server's host is masked.
            hosts = {
                **{name: url.encode() for name, url in targets.items()},
                "ceiling": local.encode(),
            }
            bodies = {
                name: fetch(url + path)[2].replace(hosts[name], b"HOST")
                for name, url in targets.items()
            }
            for name, body in bodies.items():
                if body != bodies["ceiling"]:
                    print(f"  note: {name} sent {path} with other bytes than the ceiling's file")

        names = list(targets)
        hits_before = varnish_counters(edge_name) if edge_name else None
        for name, path in PAGES:
            results = {target: [] for target in names}
            for round_number in range(options.rounds):
                order = names[round_number % len(names) :] + names[: round_number % len(names)]
                for target in order:
                    url = targets[target] + path
                    wrk(
                        url,
                        options.warmup,
                        options.connections,
                        options.threads,
                        encoding=options.encoding,
                    )
                    results[target].append(
                        wrk(
                            url,
                            options.seconds,
                            options.connections,
                            options.threads,
                            encoding=options.encoding,
                        )
                    )
            print_page(name, path, names, results, options.rounds)
            print(f"  load average: {load_average()}", flush=True)

        print(f"\nbytes of the HTML on the wire ({PAGES[0][1]}):")
        for target, url in targets.items():
            sent = [
                wire_bytes(url + PAGES[0][1], encoding) for encoding in ("identity", "gzip", "br")
            ]
            print(f"  {target:<16} " + ", ".join(f"{size} B {encoding}" for size, encoding in sent))
        if edge_name:
            counters = varnish_counters(edge_name)
            hits = counters["cache_hit"] - hits_before["cache_hit"]
            misses = counters["cache_miss"] - hits_before["cache_miss"]
            print(
                f"Varnish hit ratio over the run: {hits / max(hits + misses, 1):.4f} "
                f"({hits} hits, {misses} misses)"
            )

        step = bench_screening_step(local, workdir, options)
        print(
            f"\nPOST {SCREENING_STEP} (302), local memory: {step['rps']:.0f} req/s, "
            f"p50 {step['p50']:.2f} ms, p99 {step['p99']:.2f} ms, {step['errors']} errors"
        )
        total, parts, blocking_css, blocking_js = first_visit_weight(local, PAGES[0][1])
        print(
            f"first visit to {PAGES[0][1]}: {total} B compressed in total; "
            f"render-blocking: {blocking_css} stylesheet(s), {blocking_js} script(s)"
        )
        for part in parts:
            print(f"  {part}")
        if edge_name:
            edit = staff_edit(env, local, targets["Varnish"], PAGES[0][1])
            print(
                f"a save from another process: save() {edit['save_ms']:.1f} ms including the "
                f"purge ({edit['purge_ms']:.1f} ms for the BAN); the next request through "
                f"Varnish ({edit['edge_cache']}) "
                f"{'shows' if edit['edge_next'] else 'does not show yet'} the edit; 30 visits "
                f"in a row show it from every app worker after {edit['app_all_ms']:.0f} ms"
                f"{'' if edit['app_settled'] else ' (NOT SETTLED)'}, through Varnish after "
                f"{edit['edge_all_ms']:.0f} ms{'' if edit['edge_settled'] else ' (NOT SETTLED)'}"
            )
        pids = worker_pids(local_process.pid)
        print(
            "local-memory worker RSS after the run: "
            + ", ".join(f"{rss_mb(pid):.1f} MB" for pid in pids)
            + f" (master {rss_mb(local_process.pid):.1f} MB)"
        )
        print(f"load average after: {load_average()}")
    if use_redis:
        redis_ready(options.redis)


if __name__ == "__main__":
    main()
