"""Random requests at every public URL: whatever arrives, the answer is never a server error."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PUBLIC_URLS = [
    "/",
    "/what-is-iop/",
    "/who-is-iop-for/",
    "/benefits-of-iop/",
    "/self-check/",
    "/self-check/question/rather_not_live_in/",
    "/self-check/question/detox/",
    "/self-check/check/",
    "/self-check/result/",
    "/self-check/start-over/",
    "/.well-known/security.txt",
    "/favicon.ico",
    "/robots.txt",
    "/sitemap.xml",
    "/media/pages/",
    "/admin/",
    "/admin/login/",
    "/no-such-page/",
]
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "TRACE", "OPTIONS", "PROPFIND"]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/json",
    "text/plain",
]

path_suffix = st.text(alphabet=st.characters(codec="utf-8"), max_size=40).map(
    lambda text: "".join(f"%{byte:02x}" for byte in text.encode())
) | st.sampled_from(["", "..", "%00", "%ff", "a/", "../../", "?next=//evil.example"])
query = st.dictionaries(st.text(max_size=10), st.text(max_size=30), max_size=5)
body = st.binary(max_size=2000) | st.dictionaries(
    st.text(max_size=20), st.text(max_size=200), max_size=8
).map(lambda fields: "&".join(f"{k}={v}" for k, v in fields.items()).encode())
# A WSGI server hands Django header values as Latin-1 text, so that is all a client can send.
latin1 = st.text(alphabet=st.characters(max_codepoint=255, exclude_categories=["Cs"]), max_size=80)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_HOST": st.sampled_from(["evil.example", "testserver", "testserver:99999", ""]),
        "HTTP_ORIGIN": st.sampled_from(["null", "https://evil.example", "http://testserver"]),
        "HTTP_REFERER": latin1,
        "HTTP_COOKIE": latin1,
        "HTTP_X_FORWARDED_PROTO": st.sampled_from(["https", "http", "gopher"]),
    },
)


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    url=st.sampled_from(PUBLIC_URLS),
    suffix=path_suffix,
    method=st.sampled_from(METHODS),
    params=query,
    payload=body,
    content_type=st.sampled_from(CONTENT_TYPES),
    extra=headers,
)
def test_no_request_to_a_public_url_gets_a_server_error(
    url, suffix, method, params, payload, content_type, extra
):
    # raise_request_exception stays on: a crash fails the test with its traceback.
    client = Client(enforce_csrf_checks=True)
    path = url + suffix
    response = client.generic(
        method,
        path,
        data=payload,
        content_type=content_type,
        QUERY_STRING=urlencode(params),
        **extra,
    )
    assert response.status_code < 500, (method, path, response.status_code)
