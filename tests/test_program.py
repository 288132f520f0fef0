"""Program facts, trust signals and notices: shown once staff enter them, never made up."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from program import facts
from program.models import (
    ArticleReview,
    Credential,
    Location,
    Notices,
    ProgramFacts,
    Reviewer,
    Track,
)

from .program_helpers import fill_in_program

PROGRAM_PAGES = [
    "/our-program/",
    "/questions-to-ask/",
    "/privacy/",
    "/accessibility/",
    "/editorial-policy/",
]


def graph(html):
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {item["@type"]: item for item in json.loads(block)["@graph"]}


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def filled_in(db):
    fill_in_program()


@pytest.mark.django_db
def test_a_fresh_site_has_no_program_facts_and_shows_none():
    assert not ProgramFacts.objects.exists()
    assert not Track.objects.exists() and not Location.objects.exists()
    assert not Credential.objects.exists() and not Reviewer.objects.exists()
    program = facts.Program.load()
    assert not program.has_any


@pytest.mark.django_db
def test_the_program_page_on_a_fresh_site_shows_only_general_facts(client):
    page = text(client.get("/our-program/"))
    assert "still adding the details" in page
    assert "level 2.1" in page and "9 or more hours" in page
    for hidden in ["When groups meet", "Where we are", "Paying for treatment", "Licences"]:
        assert hidden not in page


@pytest.mark.django_db
def test_the_admin_checklist_lists_every_missing_fact_on_a_fresh_site(staff_client):
    page = text(staff_client.get(reverse("admin:index")))
    assert "Not on the site yet" in page
    for label in [
        "Group days and times",
        "Hours of treatment per week",
        "A location",
        "Payment",
        "Licences and accreditations",
        "A clinical reviewer",
        "A clinical review for 3 published articles",
    ]:
        assert label in page


@pytest.mark.django_db
def test_entered_facts_appear_on_the_program_page_at_the_next_request(client, staff_client):
    assert "Evening group" not in text(client.get("/our-program/"))
    response = staff_client.post(
        reverse("admin:program_track_add"),
        {
            "name_en": "Evening group",
            "name_es": "",
            "days": ["Mo", "We"],
            "starts_at": "18:00",
            "ends_at": "21:00",
            "format": "",
            "order": "0",
        },
    )
    assert response.status_code == 302
    page = text(client.get("/our-program/"))
    assert "Evening group:</strong> Monday and Wednesday, 6 pm to 9 pm" in page


@pytest.mark.django_db
def test_a_filled_in_program_shows_each_section_where_it_belongs(client, filled_in):
    page = text(client.get("/our-program/"))
    assert "About 12 hours of treatment a week." in page
    assert "Monday to Wednesday, 6 pm to 9 pm" in page
    assert "1 Example Street" in page and "Monday to Friday, 8 am to 5 pm" in page
    assert "<li>Plan One</li>" in page and "Ask us about self-pay." in page
    assert 'href="https://licences.example.org/A-123"' in page
    home = text(client.get("/"))
    assert "What IOP looks like here" in home and "Evening group" in home


@pytest.mark.django_db
def test_questions_page_answers_from_the_facts_and_says_ask_us_for_the_rest(client, filled_in):
    page = text(client.get("/questions-to-ask/"))
    assert "About 12 hours a week. In person or online." in page
    assert "A weekly family group." in page
    # Nobody entered what happens after a slip, so visitors are told to ask.
    relapse = page.split("What happens if I drink or use again during the program?")[1]
    assert relapse.split("</dd>")[0].strip().startswith("</dt> <dd> Ask us when you call")


@pytest.mark.django_db
def test_organisation_data_is_a_clinic_with_only_the_facts_entered(client):
    org = graph(client.get("/").content.decode())["MedicalClinic"]
    assert "address" not in org and "openingHoursSpecification" not in org
    assert "medicalSpecialty" not in org


@pytest.mark.django_db
def test_organisation_data_carries_the_address_hours_and_specialty(client, filled_in):
    org = graph(client.get("/").content.decode())["MedicalClinic"]
    assert org["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1 Example Street",
        "addressLocality": "Springfield",
        "addressRegion": "CA",
        "postalCode": "90000",
        "addressCountry": "US",
    }
    [hours] = org["openingHoursSpecification"]
    assert hours["opens"] == "08:00" and hours["closes"] == "17:00"
    assert hours["dayOfWeek"][0] == "https://schema.org/Monday" and len(hours["dayOfWeek"]) == 5
    assert org["medicalSpecialty"] == "https://schema.org/Psychiatric"
    assert org["telephone"] == "+18447448783"


@pytest.mark.django_db
def test_a_reviewed_article_names_its_reviewer_and_date_on_the_page_and_in_its_data(
    client, filled_in
):
    html = client.get("/what-is-iop/").content.decode()
    assert "reviewed by Dana Example, MD, on" in text(client.get("/what-is-iop/"))
    webpage = graph(html)["MedicalWebPage"]
    assert webpage["lastReviewed"] == "2026-06-01"
    assert webpage["reviewedBy"] == {
        "@type": "Person",
        "name": "Dana Example",
        "hasCredential": "MD",
    }
    other = client.get("/benefits-of-iop/").content.decode()
    assert "Medical content reviewed by" not in other
    assert "lastReviewed" not in graph(other)["MedicalWebPage"]


@pytest.mark.django_db
def test_admin_home_warns_when_a_review_is_over_twelve_months_old(staff_client, filled_in):
    assert "over 12 months ago" not in text(staff_client.get(reverse("admin:index")))
    ArticleReview.objects.update(reviewed_on=datetime.date.today() - datetime.timedelta(days=400))
    assert "over 12 months ago" in text(staff_client.get(reverse("admin:index")))


@pytest.mark.django_db
@pytest.mark.parametrize("path", PROGRAM_PAGES)
def test_program_pages_carry_the_phone_and_crisis_help(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page = text(response)
    assert 'href="tel:+18447448783"' in page and "988" in page


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/what-is-iop/", "/self-check/", *PROGRAM_PAGES])
def test_every_page_links_the_notices_in_its_footer(client, path):
    footer = text(client.get(path)).split('class="site-footer"')[1]
    for target in ["/privacy/", "/accessibility/", "/editorial-policy/"]:
        assert f'href="{target}"' in footer
    assert 'href="/nondiscrimination/"' not in footer


@pytest.mark.django_db
def test_the_optional_notices_stay_hidden_until_switched_on(client):
    assert client.get("/nondiscrimination/").status_code == 404
    assert client.get("/language-help/").status_code == 404
    Notices.objects.create(
        language_help_on=True,
        language_help="Free interpreters are available.",
        taglines="Español: Hay ayuda gratuita con el idioma.",
    )
    page = text(client.get("/language-help/"))
    assert "Free interpreters are available." in page
    assert "<strong>Español:</strong> Hay ayuda gratuita con el idioma." in page
    assert 'href="/language-help/"' in text(client.get("/"))
    assert client.get("/nondiscrimination/").status_code == 404


@pytest.mark.django_db
def test_a_notice_cannot_be_switched_on_without_its_text(staff_client):
    # Staff reach the one record through the list, which creates it.
    assert (
        staff_client.get(reverse("admin:program_notices_changelist"), follow=True).status_code
        == 200
    )
    response = staff_client.post(
        reverse("admin:program_notices_change", args=[1]),
        {
            "nondiscrimination_on": "on",
            "nondiscrimination_en": "",
            "nondiscrimination_es": "",
            "taglines": "",
            "language_help_en": "",
            "language_help_es": "",
        },
    )
    assert response.status_code == 200
    assert "Write the notice in English before turning it on." in text(response)
    assert not Notices.current().show_nondiscrimination


@pytest.mark.django_db
def test_the_privacy_notice_follows_the_settings(client, settings):
    page = text(client.get("/privacy/"))
    assert "at most 60 minutes" in page
    assert "keep no log of the pages you visit" in page
    assert "Your browser does not contact any other company" in page
    settings.IOP_ACCESS_LOG_DAYS = 14
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'", "cdn.example"]}}
    from core import pagecache

    pagecache.clear()
    page = text(client.get("/privacy/"))
    assert "keep a log of requests for 14 days" in page
    assert "does not contact any other company" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", ["programfacts", "track", "location", "credential", "reviewer", "articlereview"]
)
def test_staff_can_open_each_program_admin_page(staff_client, model):
    response = staff_client.get(reverse(f"admin:program_{model}_changelist"), follow=True)
    assert response.status_code == 200


def test_days_read_as_words():
    from program.models import days_text

    assert days_text("Mo,Tu,We,Th,Fr") == "Monday to Friday"
    assert days_text("Mo,We") == "Monday and Wednesday"
    assert days_text("Sa") == "Saturday"
    assert days_text("Mo,We,Fr") == "Monday, Wednesday and Friday"
    assert days_text("") == ""


@pytest.mark.django_db
def test_program_facts_are_read_once_per_staff_save(filled_in, django_assert_max_num_queries):
    # Six reads of the program's tables, plus the page cache's generation and contact snapshot.
    with django_assert_max_num_queries(8):
        first = facts.current_program()
    with django_assert_max_num_queries(0):
        again = facts.current_program()
        assert again.tracks[0].name == first.tracks[0].name == "Evening group"
        assert [str(row) for row in again.locations[0].hours.all()] == [
            "Monday to Friday, 8 am to 5 pm"
        ]
    Track.objects.get().save()  # a staff save of any program record
    assert facts.current_program() is not None
    with django_assert_max_num_queries(0):
        facts.current_program()


@pytest.mark.django_db
def test_a_good_fit_result_shows_what_iop_looks_like_here_once_facts_exist(client, filled_in):
    from tests.screening_helpers import RESULT, answer_all

    answer_all(client, paths=("yes", "no", "no"), detox="completed")
    result = text(client.post(RESULT))
    assert "What IOP looks like here" in result and "Evening group" in result


@pytest.mark.django_db
def test_a_good_fit_result_on_a_fresh_site_shows_no_program_section(client):
    from tests.screening_helpers import RESULT, answer_all

    answer_all(client, paths=("yes", "no", "no"), detox="completed")
    result = text(client.post(RESULT))
    assert "Why IOP may fit" in result
    assert "What IOP looks like here" not in result
