"""Program facts entered as staff would, for the tests that need a filled-in program."""

import datetime

from django.conf import settings
from django.utils import translation

from content.models import Page
from program.models import (
    ArticleReview,
    Credential,
    Location,
    OpeningHours,
    ProgramFacts,
    Reviewer,
    Track,
)


def fill_in_program():
    """Facts as staff might enter them: a track, a location with hours, a licence, a review.

    In English, whatever language the last request left active (staff write English first).
    """
    with translation.override(settings.LANGUAGE_CODE):
        _fill_in_program()


def _fill_in_program():
    ProgramFacts.objects.create(
        hours_per_week=12,
        format="both",
        who_for="Adults 18 and over.",
        insurance="Plan One\nPlan Two",
        self_pay="Ask us about self-pay.",
        family_support="A weekly family group.",
        first_week="You meet your counselor.",
        medical_specialty="Psychiatric",
    )
    Track.objects.create(
        name="Evening group",
        days="Mo,Tu,We",
        starts_at=datetime.time(18),
        ends_at=datetime.time(21),
    )
    place = Location.objects.create(
        name="Main clinic",
        street_address="1 Example Street",
        city="Springfield",
        state="CA",
        postal_code="90000",
        directions="Two blocks from the bus stop.",
    )
    OpeningHours.objects.create(
        location=place, days="Mo,Tu,We,Th,Fr", opens=datetime.time(8), closes=datetime.time(17)
    )
    Credential.objects.create(
        kind="licence",
        name="Outpatient licence",
        issuer="State Health Department",
        number="A-123",
        verify_url="https://licences.example.org/A-123",
    )
    reviewer = Reviewer.objects.create(name="Dana Example", credentials="MD")
    ArticleReview.objects.create(
        page=Page.objects.get(slug="what-is-iop"),
        reviewer=reviewer,
        reviewed_on=datetime.date(2026, 6, 1),
    )
