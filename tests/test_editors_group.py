import pytest
from django.contrib.auth.models import Group
from django.test import Client

PASSWORD = "a-long-enough-passphrase"


def editor_client(django_user_model):
    user = django_user_model.objects.create_user("writer", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_editors_group_has_exactly_what_a_content_editor_needs():
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    assert ("content", "change_page") in codenames
    assert ("content", "add_page") in codenames
    assert ("content", "change_sitesettings") in codenames
    assert ("screening", "change_question") in codenames
    assert ("screening", "view_outcomecount") in codenames
    assert ("program", "change_programfacts") in codenames
    assert ("program", "add_location") in codenames
    assert not {label for label, _ in codenames} - {"content", "screening", "program"}
    assert ("screening", "change_outcomecount") not in codenames


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/admin/content/page/add/", 200),
        ("/admin/content/sitesettings/1/change/", 200),
        ("/admin/screening/question/", 200),
        ("/admin/screening/outcomecount/", 200),
        ("/admin/auth/user/", 403),
        ("/admin/auth/group/", 403),
        ("/admin/axes/accessattempt/", 403),
    ],
)
def test_an_editor_reaches_content_but_not_accounts_or_lockouts(
    django_user_model, site_settings, url, status
):
    site_settings.save()
    assert editor_client(django_user_model).get(url).status_code == status
