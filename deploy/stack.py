"""`make stack`: the production set-up on this machine, in the foreground.

nginx (Debian's package) listens on STACK_PORT (default 8080) on 127.0.0.1 and hands whole
requests to gunicorn, which listens on another loopback port. With no DATABASE_URL, a fresh SQLite
database is made in a temporary folder; REDIS_URL is used when set. Ctrl+C or SIGTERM stops both
and removes the temporary folder. See README "Production set-up with nginx".
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
MISSING_NGINX = (
    "make stack needs nginx, which is not installed. On Debian or Ubuntu: "
    "sudo apt-get install nginx (only the program is used; its system service may stay off: "
    "sudo systemctl disable --now nginx)."
)
# nginx's folders for bodies and answers it is buffering; it makes none of them itself.
NGINX_TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def find_nginx(env):
    if env.get("STACK_NGINX"):
        path = env["STACK_NGINX"]
        return path if os.access(path, os.X_OK) else None
    # Debian installs it in /usr/sbin, which is not on every user's PATH.
    return shutil.which(
        "nginx", path=f"{env.get('PATH', '')}{os.pathsep}/usr/sbin{os.pathsep}/sbin"
    )


def free_port(host):
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def app_environment(env, folder):
    """The app servers' environment: what the caller set, and defaults that need no set-up."""
    app = dict(env)
    # A key for this run only, unless the caller brings one (`make stack` passes .secret-key).
    app.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    # Plain HTTP on the public port, as behind a TLS terminator; see README for DJANGO_HTTPS_ONLY=1.
    app.setdefault("DJANGO_HTTPS_ONLY", "0")
    # nginx is the one proxy in front, and it writes X-Forwarded-For itself.
    app.setdefault("DJANGO_TRUSTED_PROXY_COUNT", "1")
    if not app.get("DATABASE_URL"):
        app["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
        app.setdefault("DJANGO_MEDIA_ROOT", str(folder / "media"))
    app.setdefault("DJANGO_SESSION_FILE_PATH", str(folder / "sessions"))
    app.setdefault("DJANGO_CONTACT_SNAPSHOT_FILE", str(folder / "contact.json"))
    return app


def render_nginx_conf(template, **values):
    text = template
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", str(value))
    if "{{" in text:
        raise ValueError(f"nginx template value left unfilled: {text[text.index('{{') :][:40]}")
    return text


def real_ip_lines(trusted):
    """With a TLS terminator or load balancer in front, take the visitor's address from it."""
    addresses = [item.strip() for item in trusted.split(",") if item.strip()]
    if not addresses:
        return ""
    lines = [f"        set_real_ip_from {address};" for address in addresses]
    lines += ["        real_ip_header X-Forwarded-For;", "        real_ip_recursive on;"]
    return "\n".join(lines) + "\n"


def user_line():
    """Started as root, nginx would run its workers as `nobody`, who cannot read this run's
    private folder (its error pages, its buffers): keep them as the user that started it. As
    any other user (the usual case) nginx cannot switch users and needs no line."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return "# Started as root: workers stay root to reach this run's own folder.\nuser root;\n"
    return ""


def manage(env, *args):
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603 - our manage.py


def static_files_current():
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return False
    built = manifest.stat().st_mtime
    return all(p.stat().st_mtime < built for p in (ROOT / "static").rglob("*") if p.is_file())


def prepare(env, folder):
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    if not static_files_current():
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    if env.get("DJANGO_SUPERUSER_USERNAME") and env.get("DJANGO_SUPERUSER_PASSWORD"):
        created = subprocess.run(
            [sys.executable, "manage.py", "createsuperuser", "--noinput"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if created.returncode == 0:
            print(f"Staff account {env['DJANGO_SUPERUSER_USERNAME']!r} created.", flush=True)
        else:  # Most often: it exists already in the DATABASE_URL given.
            reason = (created.stderr.strip().splitlines() or ["unknown reason"])[-1]
            print(f"Staff account not created: {reason}", flush=True)
    manage(env, "render_error_pages", str(folder / "_nginx-errors"), "--verbosity", "0")


def wait_until_listening(process, host, port, name, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} stopped at start (exit code {process.returncode})")
        try:
            with socket.create_connection((host, port), 0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{name} did not listen on {host}:{port} within {timeout} s")


def stop(process, timeout=20):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Stop(Exception):
    pass


def on_signal(signum, frame):
    raise Stop


def main():
    env = dict(os.environ)
    nginx = find_nginx(env)
    if not nginx:
        print(MISSING_NGINX, file=sys.stderr)
        return 1
    host = env.get("STACK_HOST", "127.0.0.1")
    port = int(env.get("STACK_PORT", "8080"))
    keep = bool(env.get("STACK_DIR"))
    folder = Path(env["STACK_DIR"]) if keep else Path(tempfile.mkdtemp(prefix="iop-stack-"))
    folder.mkdir(parents=True, exist_ok=True)
    children = []
    # Ctrl+C and SIGTERM stop the children in order: nginx first, so no request finds the app gone.
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        app_env = app_environment(env, folder)
        prepare(app_env, folder)
        app_port = int(env.get("STACK_APP_PORT") or free_port("127.0.0.1"))
        app_env["GUNICORN_BIND"] = f"127.0.0.1:{app_port}"
        gunicorn = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "iop_site.wsgi",
                "--pid",
                str(folder / "gunicorn.pid"),
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=app_env,
            start_new_session=True,
        )
        children.append(gunicorn)
        wait_until_listening(gunicorn, "127.0.0.1", app_port, "gunicorn")

        for name in NGINX_TEMP_DIRS:
            (folder / name).mkdir(exist_ok=True)
        conf = folder / "nginx.conf"
        conf.write_text(
            render_nginx_conf(
                TEMPLATE.read_text(),
                DIR=folder,
                LISTEN=f"{host}:{port}",
                APP_ADDRESS=f"127.0.0.1:{app_port}",
                ADMIN_PATH=env.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/",
                ACCESS_LOG=env.get("STACK_ACCESS_LOG", "/dev/stdout"),
                WORKER_PROCESSES=env.get("STACK_NGINX_WORKERS", "1"),
                USER=user_line(),
                REAL_IP=real_ip_lines(env.get("STACK_REAL_IP_FROM", "")),
            )
        )
        proxy = subprocess.Popen(  # noqa: S603 - the nginx found above, our own config
            [nginx, "-p", str(folder), "-c", str(conf), "-e", "stderr", "-g", "daemon off;"],
            cwd=folder,
            start_new_session=True,
        )
        children.insert(0, proxy)
        wait_until_listening(proxy, host, port, "nginx")
        print(
            f"Serving http://{host}:{port}/ (nginx, in front of gunicorn on 127.0.0.1:{app_port}). "
            f"Files for this run: {folder}. Ctrl+C stops.",
            flush=True,
        )
        while all(child.poll() is None for child in children):
            time.sleep(0.2)
        stopped = next(child for child in children if child.poll() is not None)
        print(f"{'nginx' if stopped is proxy else 'gunicorn'} stopped; stopping.", file=sys.stderr)
        return 1
    except Stop:
        print("Stopping.", flush=True)
        return 0
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"make stack could not start: {error}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for child in children:
            stop(child)
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
