"""Run Django in a fresh interpreter, to see what the settings make of one exact environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The variables that choose a configuration: the fresh interpreter sees only those a test passes.
CONFIGURING = ("DJANGO_", "DATABASE_URL", "REDIS_URL")


def run_python(args, **env):
    """Run `python *args` in the project with the site's settings and only these variables set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(CONFIGURING)}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "iop_site.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def run_django(code, **env):
    """Run `code` after django.setup(), as run_python does."""
    return run_python(["-c", f"import django; django.setup(); {code}"], **env)
