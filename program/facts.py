"""What the site knows about this program, what it is still missing, and what it does with data.

Plain functions over the staff-entered records, so the pages, the admin checklist and the
structured data all read the same facts.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _

from content.models import Page
from core import pagecache
from core.languages import shown_in_english

from .models import (
    SCHEMA_DAYS,
    ArticleReview,
    Credential,
    Location,
    Notices,
    ProgramFacts,
    Reviewer,
    Track,
)

# General knowledge, not a claim about this provider: ASAM level 2.1 is intensive outpatient care.
ASAM_LEVEL = "2.1"
ASAM_MIN_HOURS_ADULTS = 9


@dataclass
class Program:
    """Everything entered about the program, loaded once per render."""

    facts: ProgramFacts
    tracks: list = field(default_factory=list)
    locations: list = field(default_factory=list)
    credentials: list = field(default_factory=list)
    reviews: dict = field(default_factory=dict)

    @classmethod
    def load(cls):
        return cls(
            facts=ProgramFacts.current(),
            tracks=list(Track.objects.all()),
            locations=list(Location.objects.prefetch_related("hours")),
            credentials=list(Credential.objects.all()),
            reviews={
                review.page_id: review
                for review in ArticleReview.objects.select_related("reviewer")
            },
        )

    @cached_property
    def has_payment(self):
        f = self.facts
        return bool(f.insurance.strip() or f.self_pay.strip() or f.cost_help.strip())

    @cached_property
    def has_any(self):
        """Whether there is anything to show on the program page beyond general facts."""
        f = self.facts
        return bool(
            f.hours_per_week
            or f.format
            or f.who_for.strip()
            or self.tracks
            or self.locations
            or self.has_payment
            or f.family_support.strip()
            or f.first_week.strip()
            or f.medication.strip()
            or f.relapse.strip()
            or self.credentials
        )


def current_program():
    """The program's facts, read once per staff save for every page that shows them."""
    return pagecache.cached_until_edited("program-facts", Program.load)


def _admin(model, singleton=False):
    meta = model._meta
    if singleton:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[1])
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")


def missing_facts(program=None):
    """(what is missing, where to add it) for the admin home's checklist, most useful first."""
    program = program or Program.load()
    f = program.facts
    facts_url = _admin(ProgramFacts, singleton=True)
    missing = []

    def need(condition, label, url=facts_url):
        if not condition:
            missing.append((label, url))

    need(program.tracks, "Group days and times (tracks)", _admin(Track))
    need(f.hours_per_week, "Hours of treatment per week")
    need(f.format, "In person, online, or both")
    need(f.who_for.strip(), "Who the program is for")
    need(program.locations, "A location: address, hours, getting in, directions", _admin(Location))
    need(program.has_payment, "Payment: insurance accepted, self-pay, help with cost")
    need(f.family_support.strip(), "Support for families")
    need(f.first_week.strip(), "What the first week looks like")
    need(f.medication.strip(), "Medicines for recovery")
    need(f.relapse.strip(), "What happens if someone slips back")
    need(
        program.credentials,
        "Licences and accreditations, with a link to check each",
        _admin(Credential),
    )
    need(Reviewer.objects.exists(), "A clinical reviewer (name and credentials)", _admin(Reviewer))
    unreviewed = Page.objects.published().filter(review__isnull=True).count()
    if unreviewed:
        missing.append(
            (
                f"A clinical review for {unreviewed} published article"
                + ("s" if unreviewed != 1 else ""),
                _admin(ArticleReview),
            )
        )
    return missing


def overdue_reviews():
    return [review for review in ArticleReview.objects.select_related("page") if review.overdue()]


@dataclass
class Question:
    text: str
    answer: str = ""
    lines: list = field(default_factory=list)
    in_english: bool = False  # some of the answer is staff text not translated yet

    @property
    def answered(self):
        return bool(self.answer or self.lines)


def _staff_text(obj, name):
    """A staff text, inside lang="en" when this Spanish page shows it in English."""
    value = (getattr(obj, name) or "").strip()
    if value and shown_in_english(obj, name):
        return format_html('<span lang="en">{}</span>', value)
    return conditional_escape(value)


def questions_to_ask(program):
    """The questions worth asking any treatment provider, answered from what staff entered."""
    f = program.facts
    hours = ""
    if f.hours_per_week:
        hours = _("About %(hours)s hours a week.") % {"hours": f.hours_per_week}
    if f.format:
        hours = f"{hours} {f.get_format_display()}.".strip()
    tracks = [
        format_html("{}: {}, {}", _staff_text(t, "name"), t.days_text, t.times_text)
        for t in program.tracks
    ]
    insurance = (
        [format_html('<span lang="en">{}</span>', plan) for plan in f.insurance_list]
        if shown_in_english(f, "insurance")
        else f.insurance_list
    )
    payment = [
        line
        for line in (*insurance, _staff_text(f, "self_pay"), _staff_text(f, "cost_help"))
        if line
    ]
    credentials = [
        format_html(_("{name}, from {issuer}"), name=_staff_text(c, "name"), issuer=c.issuer)
        for c in program.credentials
    ]

    def english(objects, *names):
        return any(shown_in_english(obj, *names) for obj in objects)

    return [
        Question(_("What kind of treatment do you offer, and how many hours a week?"), hours),
        Question(
            _("When do groups meet?"), lines=tracks, in_english=english(program.tracks, "name")
        ),
        Question(
            _("Who is the program for?"),
            _staff_text(f, "who_for"),
            in_english=english([f], "who_for"),
        ),
        Question(
            _("Do you offer medicines that help with recovery?"),
            _staff_text(f, "medication"),
            in_english=english([f], "medication"),
        ),
        Question(
            _("Is the program licensed or approved by an outside group? How can I check?"),
            lines=credentials,
            in_english=english(program.credentials, "name"),
        ),
        Question(
            _("Do you take my insurance? What will it cost?"),
            lines=payment,
            in_english=english([f], "insurance", "self_pay", "cost_help"),
        ),
        Question(
            _("How do you include family members?"),
            _staff_text(f, "family_support"),
            in_english=english([f], "family_support"),
        ),
        Question(
            _("What happens in the first week?"),
            _staff_text(f, "first_week"),
            in_english=english([f], "first_week"),
        ),
        Question(
            _("What happens if I drink or use again during the program?"),
            _staff_text(f, "relapse"),
            in_english=english([f], "relapse"),
        ),
    ]


def _own_origin_only(policy):
    """True when every CSP source is a keyword ('self', 'none', a nonce), never another host."""
    for sources in policy.get("DIRECTIVES", {}).values():
        for source in sources if isinstance(sources, list | tuple) else [sources]:
            text = str(source)
            if not (text.startswith("'") or text in {"self", "none", "nonce"}):
                return False
    return True


def privacy_facts():
    """What the privacy notice says, read from the settings that make the site behave so."""
    from screening.flow import ANSWERS_LIFETIME_SECONDS

    return {
        "own_origin_only": _own_origin_only(settings.CONTENT_SECURITY_POLICY),
        "answers_minutes": ANSWERS_LIFETIME_SECONDS // 60,
        "count_time_zone": settings.TIME_ZONE,
        "staff_session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "login_failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "access_log_days": settings.IOP_ACCESS_LOG_DAYS,
    }


def footer_links():
    """The optional notices, linked from every page once staff switch them on."""
    notices = pagecache.cached_until_edited("notices", Notices.current)
    links = []
    if notices.show_nondiscrimination:
        links.append((reverse("program:nondiscrimination"), _("Nondiscrimination")))
    if notices.show_language_help:
        links.append((reverse("program:language_help"), _("Free language help")))
    return links


def _time(value):
    return value.strftime("%H:%M")


def organization_details(program=None):
    """The schema.org fields for the organisation that staff have filled in, and no others."""
    program = program or current_program()
    facts = program.facts
    details = {}
    main = next(iter(program.locations), None)
    if main is not None:
        details["address"] = {
            "@type": "PostalAddress",
            "streetAddress": main.street_address,
            "addressLocality": main.city,
            "addressRegion": main.state,
            "postalCode": main.postal_code,
            "addressCountry": "US",
        }
        hours = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [SCHEMA_DAYS[code] for code in row.days.split(",") if code],
                "opens": _time(row.opens),
                "closes": _time(row.closes),
            }
            for row in main.hours.all()
        ]
        if hours:
            details["openingHoursSpecification"] = hours
    if facts.medical_specialty:
        details["medicalSpecialty"] = f"https://schema.org/{facts.medical_specialty}"
    return details


def review_for(page):
    return current_program().reviews.get(page.pk)


def review_details(page):
    """lastReviewed and reviewedBy for an article's MedicalWebPage, when it has been reviewed."""
    review = review_for(page)
    if review is None:
        return {}
    return {
        "lastReviewed": review.reviewed_on.isoformat(),
        "reviewedBy": {
            "@type": "Person",
            "name": review.reviewer.name,
            "hasCredential": review.reviewer.credentials,
        },
    }
