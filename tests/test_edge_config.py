"""deploy/varnish.vcl as `manage.py edge_vcl` fills it in (tests/test_edge.py runs it)."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.management.commands.edge_vcl import render_vcl


def pass_pattern(vcl):
    return re.search(r'if \(req\.url ~ "([^"]+)"\) \{\s+return \(pass\);', vcl).group(1)


def test_the_admin_the_self_check_and_the_health_check_always_reach_the_app():
    pattern = re.compile(pass_pattern(render_vcl("127.0.0.1:8000")))
    for path in [reverse("admin:index"), reverse("screening:start") + "question/x/", "/healthz"]:
        assert pattern.search(path), path
    for path in ["/", reverse("content:page", kwargs={"slug": "what-is-iop"}), "/sitemap.xml"]:
        assert not pattern.search(path), path


def test_the_backend_and_the_purge_list_are_written_as_given(capsys):
    call_command(
        "edge_vcl", "--backend", "10.0.0.5:8001", "--purge-from", "10.0.0.0/24, 192.0.2.7, ::1"
    )
    vcl = capsys.readouterr().out
    assert '.host = "10.0.0.5";' in vcl
    assert '.port = "8001";' in vcl
    acl = re.search(r"acl purgers \{(.*?)\}", vcl, re.S).group(1).split()
    assert acl == ['"10.0.0.0"/24;', '"192.0.2.7";', '"::1";']
    assert "{{" not in vcl


def test_the_session_cookie_keeps_a_visit_personal_and_the_csrf_cookie_does_not():
    vcl = render_vcl("127.0.0.1:8000")
    kept = re.search(r'cookie\.keep\("([^"]*)"\)', vcl).group(1).split(",")
    assert "sessionid" in kept
    assert "csrftoken" not in kept


@pytest.mark.parametrize(
    "arguments",
    [["--backend", "no-port"], ["--backend", "127.0.0.1:80", "--purge-from", "everyone"]],
)
def test_a_bad_backend_or_purge_address_is_refused(arguments):
    with pytest.raises(CommandError):
        call_command("edge_vcl", *arguments)
