"""The bad-input battery: hostile requests get an exact status and change nothing."""

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter

from content.models import Page, SiteSettings
from screening.models import OutcomeCount, PathBenefit, Question, ResultText

from .html_checks import blocked_inline_code_in, inline_code_in
from .screening_helpers import (
    CHECK,
    RESULT,
    START,
    START_OVER,
    question_url,
    stored_sessions,
)
from .staff_helpers import page_form, settings_form

PAGE_URL = "/admin/content/page/{pk}/change/"
SETTINGS_URL = "/admin/content/sitesettings/1/change/"
OVERSIZE = 300 * 1024
TOO_MANY_FIELDS = 600


def stored_state():
    """Everything a request could write that visitors or staff would notice."""
    return (
        list(Page.objects.order_by("pk").values_list()),
        list(SiteSettings.objects.values_list()),
        list(get_user_model().objects.order_by("pk").values_list("username", "is_staff")),
        LogEntry.objects.count(),
        stored_sessions(),
    )


def form(data):
    return urlencode(data, doseq=True)


def multipart_with_files(count):
    boundary = "battery"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="f{n}"; filename="f{n}.txt"\r\n'
        f"Content-Type: text/plain\r\n\r\nx\r\n"
        for n in range(count)
    ]
    body = "".join(parts) + f"--{boundary}--\r\n"
    return body.encode(), f"multipart/form-data; boundary={boundary}"


@dataclass
class Hostile:
    name: str
    method: str
    path: str
    status: int
    body: object = b""  # bytes, or a callable(page, site) -> urlencoded str for staff forms
    content_type: str = "application/x-www-form-urlencoded"
    headers: dict = field(default_factory=dict)
    staff: bool = False

    def __str__(self):
        return self.name


def staff_post(name, method, path, status, build):
    """Signed-in staff send the form that `build(page, site)` fills in."""
    return Hostile(
        name, method, path, status, body=lambda page, site: form(build(page, site)), staff=True
    )


def page_edit(name, status, method="POST", **changes):
    return staff_post(name, method, PAGE_URL, status, lambda page, _: page_form(page, **changes))


def settings_edit(name, status, method="POST", **changes):
    return staff_post(
        name, method, SETTINGS_URL, status, lambda _, site: settings_form(site, **changes)
    )


def login_post(name, status, body, **options):
    """Someone with no account posts `body` to the admin login."""
    return Hostile(name, "POST", "/admin/login/", status, body=body, **options)


EVERYWHERE = [
    "/",
    "/what-is-iop/",
    "/self-check/",
    "/.well-known/security.txt",
    "/favicon.ico",
    "/robots.txt",
    "/sitemap.xml",
    "/admin/login/",
]
WRONG_METHODS = [
    Hostile(f"{method} {path}", method, path, 405)
    for path in EVERYWHERE
    for method in ("PUT", "DELETE", "PATCH", "TRACE")
]

BATTERY = [
    *WRONG_METHODS,
    Hostile("PROPFIND on home", "PROPFIND", "/", 405),
    Hostile("POST to home", "POST", "/", 405, body=b"a=1"),
    Hostile("POST to an article", "POST", "/what-is-iop/", 405, body=b"title=x"),
    # Staff are signed in, but the admin's views must still refuse the wrong verbs.
    Hostile(
        "DELETE a page via admin", "DELETE", "/admin/content/page/{pk}/delete/", 405, staff=True
    ),
    page_edit("PUT a page edit", 405, method="PUT", title="Changed"),
    settings_edit("PATCH site settings", 405, method="PATCH", provider_name="Changed"),
    Hostile("DELETE a user", "DELETE", "/admin/auth/user/1/delete/", 405, staff=True),
    # Host header attacks.
    Hostile("unknown Host", "GET", "/", 400, headers={"HTTP_HOST": "evil.example"}),
    Hostile("look-alike Host", "GET", "/", 400, headers={"HTTP_HOST": "testserver.evil.example"}),
    Hostile(
        "Host with userinfo", "GET", "/", 400, headers={"HTTP_HOST": "testserver@evil.example"}
    ),
    Hostile(
        "unknown Host on login POST",
        "POST",
        "/admin/login/",
        400,
        body=b"username=editor&password=a-long-enough-passphrase",
        headers={"HTTP_HOST": "evil.example"},
    ),
    # Paths: traversal, NUL, broken UTF-8, very long.
    Hostile("static traversal", "GET", "/static/../iop_site/settings.py", 404),
    Hostile("encoded static traversal", "GET", "/static/%2e%2e/iop_site/settings.py", 404),
    Hostile("encoded slash traversal", "GET", "/static/..%2fiop_site%2fsettings.py", 404),
    Hostile("etc/passwd", "GET", "/..%2f..%2f..%2fetc%2fpasswd", 404),
    Hostile("media traversal", "GET", "/media/../iop_site/settings.py", 404),
    Hostile("encoded media traversal", "GET", "/media/pages/%2e%2e/%2e%2e/manage.py", 404),
    Hostile("media outside its pattern", "GET", "/media/pages/x.svg", 404),
    Hostile("overlong UTF-8 dots", "GET", "/what-is-iop/%c0%ae%c0%ae/settings.py", 404),
    Hostile("NUL in a slug", "GET", "/what-is-iop%00/", 404),
    Hostile("NUL alone", "GET", "/%00", 404),
    Hostile("non-UTF-8 path", "GET", "/%ff%fe/", 404),
    Hostile("very long path", "GET", "/" + "a" * 8000 + "/", 404),
    Hostile("very long query", "GET", "/?q=" + "x" * 20000, 200),
    # Bodies sent to the admin login by someone with no account.
    login_post("oversize login body", 413, b"a=" + b"x" * OVERSIZE),
    login_post(
        "too many login fields", 400, form({f"f{n}": "x" for n in range(TOO_MANY_FIELDS)}).encode()
    ),
    # Only signed-in staff may send files at all; anyone else's first file part ends the parse.
    login_post(
        "files sent to the login page",
        413,
        multipart_with_files(11)[0],
        content_type=multipart_with_files(11)[1],
    ),
    Hostile(
        "too many uploaded files",
        "POST",
        PAGE_URL,
        400,
        body=multipart_with_files(11)[0],
        content_type=multipart_with_files(11)[1],
        staff=True,
    ),
    login_post("non-UTF-8 username", 200, b"username=%ff%fe&password=x"),
    login_post("raw invalid bytes", 200, b"username=\xff\xfe\xfd&password=x"),
    login_post("NUL in username", 200, b"username=editor%00&password=x"),
    login_post(
        "deeply nested JSON",
        200,
        ("[" * 5000 + "]" * 5000).encode(),
        content_type="application/json",
    ),
    login_post("deeply nested keys", 200, b"a" + b"[b]" * 3000 + b"=1"),
    login_post(
        "repeated login fields", 200, b"username=editor&username=admin&password=x&password=y"
    ),
    login_post("unknown login fields", 200, b"username=x&password=y&is_superuser=1&is_staff=1"),
    # Staff forms: tampered values get the form back with a message, nothing saved.
    page_edit("NUL in a page title", 200, title="Bad\x00title"),
    page_edit("traversal as a slug", 200, slug="../../etc"),
    page_edit("in the menu without a menu title", 200, nav_title="  "),
    page_edit("a web address the self-check already uses", 200, slug="self-check"),
    page_edit("oversize page body", 413, body="<p>" + "x" * OVERSIZE + "</p>"),
    page_edit("too many page fields", 400, **{f"x{n}": "1" for n in range(TOO_MANY_FIELDS)}),
    settings_edit("javascript: website", 200, website="javascript:alert(1)"),
    settings_edit("markup as phone number", 200, phone="<script>alert(1)</script>"),
]


def test_the_battery_is_at_least_forty_requests():
    assert len(BATTERY) >= 40


@pytest.mark.django_db
@pytest.mark.parametrize("case", BATTERY, ids=str)
def test_hostile_request_gets_the_exact_status_and_changes_nothing(case, editor):
    page = Page.objects.get(slug="what-is-iop")
    site = SiteSettings.current()
    client = Client()
    if case.staff:
        client.force_login(editor)
    before = stored_state()
    body = case.body(page, site) if callable(case.body) else case.body
    response = client.generic(
        case.method,
        case.path.format(pk=page.pk),
        data=body,
        content_type=case.content_type,
        **case.headers,
    )
    assert response.status_code == case.status
    assert stored_state() == before
    html = response.content.decode(errors="replace")
    assert "Traceback" not in html
    assert "SECRET_KEY" not in html
    if case.status in (400, 405, 413):
        assert "(844) 744-8783" in html, "our own error page, with the phone number"


@pytest.mark.django_db
def test_forwarded_host_is_ignored(client):
    response = client.get("/", HTTP_X_FORWARDED_HOST="evil.example")
    assert response.status_code == 200
    assert "evil.example" not in response.content.decode()


@pytest.mark.django_db
def test_wrong_methods_are_told_what_is_allowed(client):
    response = client.generic("TRACE", "/")
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert response.status_code == 405
    assert client.post("/what-is-iop/")["Allow"] == "GET, HEAD"


@pytest.mark.django_db
def test_oversize_and_bad_host_pages_explain_themselves(client):
    html = client.post(
        "/admin/login/", b"a=" + b"x" * OVERSIZE, content_type="application/x-www-form-urlencoded"
    )
    assert html.status_code == 413
    assert "That was too much to send" in html.content.decode()
    bad_host = client.get("/", HTTP_HOST="evil.example")
    assert "We could not read that" in bad_host.content.decode()


def csrf_client_with_token():
    client = Client(enforce_csrf_checks=True)
    client.get("/admin/login/")
    return client, client.cookies["csrftoken"].value


@pytest.mark.django_db
def test_login_without_a_csrf_token_is_refused(editor, caplog):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/admin/login/", {"username": "editor", "password": "a-long-enough-passphrase"}
    )
    assert response.status_code == 403
    assert "Please try that again" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"HTTP_ORIGIN": "https://evil.example"}, "Origin checking failed"),
        ({"HTTP_ORIGIN": "null"}, "Origin checking failed"),
        ({"HTTP_REFERER": "https://evil.example/form"}, "Referer checking failed"),
        ({}, "Referer checking failed - no Referer"),
    ],
)
def test_staff_edit_from_a_foreign_origin_or_referer_is_refused(editor, caplog, headers, reason):
    client, token = csrf_client_with_token()
    client.force_login(editor)
    page = Page.objects.get(slug="what-is-iop")
    before = stored_state()
    response = client.post(
        PAGE_URL.format(pk=page.pk),
        {**page_form(page, title="Hijacked"), "csrfmiddlewaretoken": token},
        secure=True,
        **headers,
    )
    assert response.status_code == 403
    assert stored_state() == before
    assert reason in caplog.text


@pytest.mark.django_db
def test_the_same_edit_from_our_own_origin_goes_through(editor):
    client, token = csrf_client_with_token()
    client.force_login(editor)
    page = Page.objects.get(slug="what-is-iop")
    response = client.post(
        PAGE_URL.format(pk=page.pk),
        {**page_form(page, title="Edited here"), "csrfmiddlewaretoken": token},
        secure=True,
        HTTP_ORIGIN="https://testserver",
        HTTP_REFERER="https://testserver/admin/",
    )
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).title == "Edited here"


XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.mark.django_db
def test_markup_in_every_staff_text_field_is_shown_escaped(editor, client):
    staff = Client()
    staff.force_login(editor)
    page = Page.objects.get(slug="what-is-iop")
    site = SiteSettings.current()
    saved = staff.post(
        PAGE_URL.format(pk=page.pk),
        page_form(
            page,
            title="Title " + XSS,
            nav_title="Menu " + XSS[:30],
            summary="Summary " + XSS,
            body="<p>Body</p>" + XSS,
        ),
    )
    assert saved.status_code == 302
    saved = staff.post(
        SETTINGS_URL,
        settings_form(
            site, provider_name="Name " + XSS[:60], hours="Hours " + XSS, home_intro="Hi " + XSS
        ),
    )
    assert saved.status_code == 302
    for url in ["/", "/what-is-iop/", "/who-is-iop-for/", "/no-such-page/"]:
        html = client.get(url).content.decode()
        assert inline_code_in(html) == [], url
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    article = client.get("/what-is-iop/").content.decode()
    assert "<p>Body</p>" in article
    # The admin shows the stored values escaped too.
    for url in ["/admin/content/page/", PAGE_URL.format(pk=page.pk), SETTINGS_URL]:
        assert blocked_inline_code_in(staff.get(url)) == [], url


@pytest.mark.django_db
def test_json_ld_cannot_be_broken_out_of(client, editor):
    """Titles end up inside JSON data blocks on some pages; a closing tag must not end them."""
    page = Page.objects.get(slug="what-is-iop")
    page.title = "</script><script>alert(1)</script>"
    page.save()
    html = client.get("/what-is-iop/").content.decode()
    for block in html.split('<script type="application/ld+json">')[1:]:
        data = block.split("</script>", 1)[0]
        json.loads(data)
    assert "<script>alert(1)" not in html


# --- The self-check ------------------------------------------------------------------------------
# Each case starts from a stage of the self-check, sends one hostile request, and checks the exact
# status and that neither the answers kept in the session nor the anonymous counts changed.

RELAPSE = question_url("relapse")
FIRST = question_url("rather_not_live_in")


def outcome_counts():
    return sorted(OutcomeCount.objects.values_list("day", "outcome", "count"))


def walk_to(client, stage):
    """fresh: nothing; started: who answered; midway: two paths answered; answered: all."""
    if stage == "fresh":
        client.get(START)
        return
    client.post(START, {"answer": "me"})
    if stage == "started":
        return
    client.post(FIRST, {"answer": "yes"})
    client.post(question_url("stepping_down"), {"answer": "no"})
    if stage == "midway":
        return
    client.post(RELAPSE, {"answer": "not_sure"})
    client.post(question_url("detox"), {"answer": "completed"})


def answers_in(client):
    return client.session.get("self_check")


@dataclass
class HostileStep:
    name: str
    stage: str
    method: str
    path: str
    status: int
    body: bytes = b""
    content_type: str = "application/x-www-form-urlencoded"
    headers: dict = field(default_factory=dict)
    # Through the real CSRF check (token first in the body), as a browser's POST would go.
    csrf: bool = False

    def __str__(self):
        return self.name


SCREENING_URLS = [START, RELAPSE, CHECK, RESULT, START_OVER]
SCREENING_BATTERY = [
    *[
        HostileStep(f"{method} {path}", "midway", method, path, 405, body=b"answer=yes")
        for path in SCREENING_URLS
        for method in ("PUT", "DELETE", "PATCH", "TRACE")
    ],
    HostileStep("GET start-over", "midway", "GET", START_OVER, 405),
    HostileStep("POST to the check page", "answered", "POST", CHECK, 405, body=b"answer=yes"),
    # Tampered choices: a clear message on the same page, nothing kept.
    HostileStep("tampered who", "fresh", "POST", START, 200, b"answer=admin"),
    HostileStep("tampered path answer", "started", "POST", FIRST, 200, b"answer=definitely"),
    HostileStep("answer with markup", "started", "POST", FIRST, 200, b"answer=%3Cscript%3E"),
    HostileStep("SQL as an answer", "started", "POST", FIRST, 200, b"answer=yes%27%3B--"),
    HostileStep("tampered detox", "midway", "POST", question_url("relapse"), 200, b"answer=maybe"),
    HostileStep("answer as a list key", "started", "POST", FIRST, 200, b"answer%5B0%5D=yes"),
    HostileStep("huge answer value", "started", "POST", FIRST, 200, b"answer=" + b"y" * 100_000),
    # Unknown and repeated fields.
    HostileStep("only unknown fields", "started", "POST", FIRST, 200, b"outcome=good_fit&x=1"),
    HostileStep("repeated, last invalid", "started", "POST", FIRST, 200, b"answer=yes&answer=zzz"),
    HostileStep(
        "outcome forced before the end", "midway", "POST", RESULT, 302, b"outcome=good_fit"
    ),
    HostileStep("a step that does not exist", "started", "POST", question_url("x"), 404),
    HostileStep("traversal as a step", "started", "GET", "/self-check/question/..%2f..%2f/", 404),
    HostileStep("markup as a step", "started", "GET", "/self-check/question/%3Cb%3E/", 404),
    # Answers in the address are never read.
    HostileStep("answer in the query string", "started", "POST", FIRST + "?answer=yes", 200),
    # Bytes that are not text.
    HostileStep("non-UTF-8 answer", "started", "POST", FIRST, 200, b"answer=%ff%fe"),
    HostileStep("raw invalid bytes", "started", "POST", FIRST, 200, b"answer=\xff\xfe\xfd"),
    HostileStep("NUL in an answer", "started", "POST", FIRST, 200, b"answer=ye%00s"),
    HostileStep("NUL in a field name", "started", "POST", FIRST, 200, b"ans%00wer=yes"),
    HostileStep("NUL in the path", "started", "GET", "/self-check/question/relapse%00/", 404),
    # Too much.
    HostileStep(
        "oversize answer body", "started", "POST", FIRST, 413, b"answer=" + b"y" * OVERSIZE
    ),
    HostileStep(
        "oversize result body", "answered", "POST", RESULT, 413, b"a=" + b"y" * OVERSIZE, csrf=True
    ),
    HostileStep(
        "too many fields",
        "started",
        "POST",
        FIRST,
        400,
        form({f"f{n}": "x" for n in range(TOO_MANY_FIELDS)}).encode(),
    ),
    HostileStep(
        "deeply nested JSON",
        "started",
        "POST",
        FIRST,
        200,
        ("[" * 5000 + "]" * 5000).encode(),
        "application/json",
    ),
    HostileStep(
        "unknown Host", "answered", "POST", RESULT, 400, headers={"HTTP_HOST": "evil.example"}
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", SCREENING_BATTERY, ids=str)
def test_hostile_self_check_request_gets_the_exact_status_and_keeps_nothing(case):
    client = Client()
    walk_to(client, case.stage)
    body = case.body
    if case.csrf:
        client.handler.enforce_csrf_checks = True
        client.get(START)
        body = f"csrfmiddlewaretoken={client.cookies['csrftoken'].value}&".encode() + body
    answers_before, counts_before = answers_in(client), outcome_counts()
    response = client.generic(
        case.method, case.path, data=body, content_type=case.content_type, **case.headers
    )
    assert response.status_code == case.status
    assert answers_in(client) == answers_before
    assert outcome_counts() == counts_before
    if case.status in (400, 405, 413):
        assert "(844) 744-8783" in response.content.decode(errors="replace")


def test_the_whole_battery_is_at_least_eighty_requests():
    assert len(BATTERY) + len(SCREENING_BATTERY) >= 80


@pytest.mark.django_db
def test_unknown_and_repeated_fields_beside_a_valid_answer_keep_only_the_answer():
    client = Client()
    walk_to(client, "started")
    response = client.post(
        FIRST,
        b"answer=zzz&answer=yes&outcome=good_fit&is_staff=1",
        **{"content_type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 302
    assert answers_in(client) == {"who": "me", "rather_not_live_in": "yes"}


@pytest.mark.django_db
def test_a_tampered_outcome_field_on_the_result_post_is_ignored():
    client = Client()
    walk_to(client, "answered")
    response = client.post(RESULT, {"outcome": "detox_first", "answer": "still_need"})
    assert response.status_code == 200
    # yes / no / not sure with detox completed: "good fit", whatever the form claimed.
    assert [outcome for _, outcome, _ in outcome_counts()] == ["good-fit"]


@pytest.mark.django_db
def test_a_forged_session_cookie_starts_over_and_keeps_nothing():
    client = Client()
    client.cookies["sessionid"] = "../../etc/passwd"
    response = client.post(RELAPSE, {"answer": "yes"})
    assert response.status_code == 302
    assert response["Location"] == START
    assert outcome_counts() == []


def self_check_csrf_client():
    client = Client(enforce_csrf_checks=True)
    client.get(START)
    token = client.cookies["csrftoken"].value
    client.post(START, {"answer": "me", "csrfmiddlewaretoken": token})
    return client, token


@pytest.mark.django_db
@pytest.mark.parametrize("url", [START, FIRST, RESULT, START_OVER])
@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"HTTP_REFERER": "https://testserver/self-check/"}, "CSRF token missing"),
        ({"HTTP_ORIGIN": "https://evil.example"}, "Origin checking failed"),
        ({"HTTP_ORIGIN": "null"}, "Origin checking failed"),
        ({"HTTP_REFERER": "https://evil.example/quiz"}, "Referer checking failed"),
    ],
    ids=["no-token", "foreign-origin", "null-origin", "foreign-referer"],
)
def test_self_check_posts_without_token_or_from_another_site_are_refused(
    url, headers, reason, caplog
):
    client, token = self_check_csrf_client()
    before = answers_in(client)
    data = {"answer": "yes"}
    if reason != "CSRF token missing":
        data["csrfmiddlewaretoken"] = token
    response = client.post(url, data, secure=True, **headers)
    assert response.status_code == 403
    assert "Please try that again" in response.content.decode()
    assert reason in caplog.text
    assert answers_in(client) == before
    assert outcome_counts() == []


SELF_CHECK_WALKS = [
    # (who, paths, detox, signs): one walk per outcome and audience.
    ("me", ("yes", "yes", "yes"), "completed", None),
    ("loved_one", ("yes", "yes", "yes"), "not_needed", None),
    ("me", ("no", "no", "no"), "completed", None),
    ("loved_one", ("no", "not_sure", "no"), "not_sure", ["none"]),
    ("me", ("yes", "no", "no"), "still_need", None),
    ("loved_one", ("yes", "no", "no"), "not_sure", ["shakes"]),
]


@pytest.mark.django_db
def test_markup_in_every_self_check_wording_field_is_shown_escaped():
    for model in (Question, ResultText, PathBenefit):
        for record in model.objects.by_key().values():
            for model_field in model._meta.fields:
                if model_field.editable and model_field.get_internal_type() in (
                    "CharField",
                    "TextField",
                ):
                    setattr(record, model_field.name, f"{model_field.name} {XSS}"[:120])
            record.save()
    for who, paths, detox, signs in SELF_CHECK_WALKS:
        client = Client()
        pages = [client.get(START)]
        client.post(START, {"answer": who})
        steps = ["rather_not_live_in", "stepping_down", "relapse"]
        for step, answer in [*zip(steps, paths, strict=True), ("detox", detox)]:
            pages.append(client.get(question_url(step)))
            client.post(question_url(step), {"answer": answer})
        if signs:
            pages.append(client.get(question_url("warning_signs")))
            client.post(question_url("warning_signs"), {"answer": signs})
        pages.append(client.get(CHECK))
        pages.append(client.post(RESULT))
        assert pages[-1].status_code == 200
        for page in pages:
            html = page.content.decode()
            assert inline_code_in(html) == [], (who, paths, detox)
            assert "<script>alert" not in html
        for page in pages[1:-2] + pages[-1:]:  # the questions and the result carry wording
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content.decode()


def every_url_path():
    """One concrete path for every URL pattern the site has, the admin's included."""
    samples = {IntConverter: "1", SlugConverter: "what-is-iop", PathConverter: "x/y"}

    def walk(patterns, prefix):
        for pattern in patterns:
            route = str(pattern.pattern)
            converters = getattr(pattern.pattern, "converters", {})
            for name, converter in converters.items():
                value = samples.get(type(converter), "x")
                route = re.sub(rf"<(\w+:)?{name}>", value, route)
            route = re.sub(r"\^|\$|\\Z|\(\?P<\w+>[^)]*\)", "1", route)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern):
                yield "/" + prefix + route

    return sorted(set(walk(get_resolver().url_patterns, "")))


@pytest.mark.django_db
def test_every_url_pattern_refuses_trace_put_patch_and_delete(editor):
    client = Client()
    client.force_login(editor)
    paths = every_url_path()
    assert len(paths) > 80  # the admin's patterns are in
    wrong = []
    for path in paths:
        for method in ("TRACE", "PUT", "PATCH", "DELETE"):
            response = client.generic(method, path, b"a=1", "application/x-www-form-urlencoded")
            if response.status_code != 405:
                wrong.append((method, path, response.status_code))
    assert wrong == []
    assert stored_state()[0]  # pages still there
