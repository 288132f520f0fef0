"""Facts about this program that only the provider knows. Staff enter them; nothing is made up.

Every section of the site that uses them stays hidden while its facts are empty, and the admin
home lists what is still missing (see program/facts.py).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.utils import build_localized_fieldname

from content.phone import normalize_phone, tel_href
from core.models import SingletonModel

REVIEW_MAX_AGE_DAYS = 365

# Lazy names: the same list gives the admin's tick boxes (English) and the visitor's words.
WEEKDAYS = [
    ("Mo", gettext_lazy("Monday")),
    ("Tu", gettext_lazy("Tuesday")),
    ("We", gettext_lazy("Wednesday")),
    ("Th", gettext_lazy("Thursday")),
    ("Fr", gettext_lazy("Friday")),
    ("Sa", gettext_lazy("Saturday")),
    ("Su", gettext_lazy("Sunday")),
]
WEEKDAY_NAMES = dict(WEEKDAYS)
# schema.org's DayOfWeek names, for opening hours in the structured data.
SCHEMA_DAYS = {
    "Mo": "https://schema.org/Monday",
    "Tu": "https://schema.org/Tuesday",
    "We": "https://schema.org/Wednesday",
    "Th": "https://schema.org/Thursday",
    "Fr": "https://schema.org/Friday",
    "Sa": "https://schema.org/Saturday",
    "Su": "https://schema.org/Sunday",
}


class Format(models.TextChoices):
    IN_PERSON = "in_person", gettext_lazy("In person")
    VIRTUAL = "virtual", gettext_lazy("Online (video)")
    BOTH = "both", gettext_lazy("In person or online")


def days_text(codes):
    """ "Mo,Tu,We" -> "Monday, Tuesday and Wednesday"; a run of three or more becomes a range."""
    order = [code for code, _name in WEEKDAYS]
    picked = [code for code in order if code in (codes or "").split(",")]
    if not picked:
        return ""
    indexes = [order.index(code) for code in picked]
    names = [str(WEEKDAY_NAMES[code]) for code in picked]
    if len(picked) >= 3 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return _("%(first)s to %(last)s") % {"first": names[0], "last": names[-1]}
    if len(names) == 1:
        return names[0]
    return _("%(days)s and %(last)s") % {"days": ", ".join(names[:-1]), "last": names[-1]}


def time_text(value):
    """ "9 am" in English; Spanish readers expect the 24-hour clock, "9:00" or "18:30"."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return value.strftime("%-I:%M %p").lower().replace(":00 ", " ")
    return f"{value.hour}:{value.minute:02d}"


def time_range_text(start, end):
    return _("%(start)s to %(end)s") % {"start": time_text(start), "end": time_text(end)}


class DaysField(models.CharField):
    """Days of the week kept as "Mo,We,Fr"; the admin shows them as tick boxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)


class ProgramFacts(SingletonModel):
    hours_per_week = models.PositiveSmallIntegerField(
        "hours per week",
        null=True,
        blank=True,
        help_text="How many hours of treatment a week a person usually has in this program. "
        "Leave empty if you are not sure.",
    )
    format = models.CharField(
        "in person or online",
        max_length=10,
        choices=Format.choices,
        blank=True,
        help_text="Whether people take part in person, online by video, or either.",
    )
    who_for = models.TextField(
        "who it is for",
        blank=True,
        help_text='Who the program serves, in a sentence or two. Example: "Adults 18 and over '
        'who want help with alcohol or drugs."',
    )
    insurance = models.TextField(
        "insurance accepted",
        blank=True,
        help_text="The insurance plans you accept, one per line.",
    )
    self_pay = models.TextField(
        "paying without insurance",
        blank=True,
        help_text="What someone without insurance can do: self-pay rates or how to ask.",
    )
    cost_help = models.TextField(
        "help with cost",
        blank=True,
        help_text="Any help with cost: payment plans, sliding scale, help checking benefits.",
    )
    family_support = models.TextField(
        "support for families",
        blank=True,
        help_text="What you offer family members: family sessions, groups, education.",
    )
    first_week = models.TextField(
        "the first week",
        blank=True,
        help_text="What happens in someone's first week, in plain words.",
    )
    medication = models.TextField(
        "medicines for recovery",
        blank=True,
        help_text="Whether you offer or arrange medicines that help with alcohol or opioid use, "
        "and how.",
    )
    relapse = models.TextField(
        "if someone slips back",
        blank=True,
        help_text="What happens if someone drinks or uses again during the program.",
    )
    medical_specialty = models.CharField(
        "medical specialty (for search engines)",
        max_length=30,
        blank=True,
        choices=[("Psychiatric", "Psychiatric"), ("PrimaryCare", "Primary care")],
        help_text="Optional. Tells search engines the kind of care you give.",
    )

    class Meta:
        verbose_name = "program facts"
        verbose_name_plural = "program facts"

    def __str__(self):
        return "Program facts"

    @property
    def insurance_list(self):
        return [line.strip() for line in self.insurance.splitlines() if line.strip()]


class Track(models.Model):
    name = models.CharField(
        max_length=60, help_text='A short name people will recognise, e.g. "Morning group".'
    )
    days = DaysField(help_text="The days this group meets.")
    starts_at = models.TimeField("starts at", help_text="For example 9:00.")
    ends_at = models.TimeField("ends at", help_text="For example 12:00.")
    format = models.CharField(
        "in person or online", max_length=10, choices=Format.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "starts_at"]
        verbose_name = "track (group times)"
        verbose_name_plural = "tracks (group times)"

    def __str__(self):
        return self.name

    def clean(self):
        if not self.days:
            raise ValidationError({"days": "Tick at least one day."})
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end time must be after the start time."})

    @property
    def days_text(self):
        return days_text(self.days)

    @property
    def times_text(self):
        return time_range_text(self.starts_at, self.ends_at)


class Location(models.Model):
    name = models.CharField(max_length=80, help_text='For example "Main clinic".')
    street_address = models.CharField(
        "street address", max_length=120, help_text="Number, street and suite."
    )
    city = models.CharField(max_length=60)
    state = models.CharField(max_length=2, help_text="Two letters, e.g. CA.")
    postal_code = models.CharField("ZIP code", max_length=10)
    phone = models.CharField(
        max_length=30,
        blank=True,
        help_text="Only if this place has its own number; otherwise the main number is shown.",
    )
    access = models.TextField(
        "getting in",
        blank=True,
        help_text="Entrance, steps or ramp, lift, parking, accessible restroom.",
    )
    directions = models.TextField(
        blank=True,
        help_text="Directions in words: nearest bus or train stop, landmarks. No map links.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        self.state = self.state.upper()
        if self.phone:
            try:
                self.phone = normalize_phone(self.phone)
            except ValidationError as error:
                raise ValidationError({"phone": error.messages}) from error

    @property
    def phone_href(self):
        return tel_href(self.phone) if self.phone else ""

    @property
    def address_lines(self):
        return [self.street_address, f"{self.city}, {self.state} {self.postal_code}"]


class OpeningHours(models.Model):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="hours")
    days = DaysField(help_text="The days these hours apply to.")
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["pk"]
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"

    def __str__(self):
        return _("%(days)s, %(times)s") % {
            "days": days_text(self.days),
            "times": time_range_text(self.opens, self.closes),
        }

    def clean(self):
        if not self.days:
            raise ValidationError({"days": "Tick at least one day."})
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": "Closing time must be after opening time."})


class Credential(models.Model):
    class Kind(models.TextChoices):
        LICENCE = "licence", gettext_lazy("State licence")
        ACCREDITATION = "accreditation", gettext_lazy("Accreditation")
        CERTIFICATION = "certification", gettext_lazy("Certification")

    kind = models.CharField(max_length=15, choices=Kind.choices)
    name = models.CharField(
        max_length=120, help_text='What it is, e.g. "Outpatient treatment licence".'
    )
    issuer = models.CharField(
        max_length=120, help_text="Who gave it: the state agency or the accrediting body."
    )
    number = models.CharField(
        "licence or certificate number", max_length=60, blank=True, help_text="If it has one."
    )
    verify_url = models.URLField(
        "where to check it",
        help_text="A page on the issuer's website where anyone can check it is real.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "licence or accreditation"
        verbose_name_plural = "licences and accreditations"

    def __str__(self):
        return f"{self.name} ({self.issuer})"


class Reviewer(models.Model):
    name = models.CharField(max_length=100, help_text="The clinician's full name.")
    credentials = models.CharField(
        max_length=60, help_text='Their degrees and licences, e.g. "MD" or "LCSW, LCADC".'
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "clinical reviewer"

    def __str__(self):
        return f"{self.name}, {self.credentials}"


class ArticleReview(models.Model):
    """Who last checked an article's medical content, and when."""

    page = models.OneToOneField(
        "content.Page", on_delete=models.CASCADE, related_name="review", verbose_name="article"
    )
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT)
    reviewed_on = models.DateField(
        "reviewed on",
        default=datetime.date.today,
        help_text=f"You will be reminded after {REVIEW_MAX_AGE_DAYS // 30} months.",
    )

    class Meta:
        ordering = ["reviewed_on"]
        verbose_name = "article review"

    def __str__(self):
        return f"{self.page} reviewed by {self.reviewer}"

    def clean(self):
        if self.reviewed_on and self.reviewed_on > timezone.localdate():
            raise ValidationError({"reviewed_on": "The date cannot be in the future."})

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return (today - self.reviewed_on).days > REVIEW_MAX_AGE_DAYS


class Notices(SingletonModel):
    nondiscrimination_on = models.BooleanField(
        "show the notice of nondiscrimination",
        default=False,
        help_text="Turn on if your program must publish one (for example because it takes "
        "federal funds). It is then linked from the foot of every page.",
    )
    nondiscrimination = models.TextField(
        "notice of nondiscrimination",
        blank=True,
        help_text="Your notice, in plain words: who you serve without discrimination, who to "
        "contact with a complaint, and how.",
    )
    language_help_on = models.BooleanField("show the notice of free language help", default=False)
    language_help = models.TextField(
        "notice of free language help",
        blank=True,
        help_text="How people can get free interpreters, translated papers and other aids.",
    )
    taglines = models.TextField(
        blank=True,
        help_text="One per line: the language, a colon, then the sentence in that language. "
        'Example: "Español: Si habla español, tiene a su disposición ayuda gratuita con el '
        'idioma. Llame al número de arriba."',
    )

    class Meta:
        verbose_name = "notices"
        verbose_name_plural = "notices"

    def __str__(self):
        return "Notices"

    def clean(self):
        errors = {}
        # The English text is the one every language falls back to, so it is the one required.
        for switch, field in [
            ("nondiscrimination_on", "nondiscrimination"),
            ("language_help_on", "language_help"),
        ]:
            english = build_localized_fieldname(field, settings.LANGUAGE_CODE)
            if getattr(self, switch) and not (getattr(self, english) or "").strip():
                errors[english] = "Write the notice in English before turning it on."
        for line in self.taglines.splitlines():
            if line.strip() and ":" not in line:
                errors["taglines"] = (
                    f'Each line needs "Language: text". This one has no colon: {line}'
                )
        if errors:
            raise ValidationError(errors)

    @property
    def show_nondiscrimination(self):
        return self.nondiscrimination_on and bool(self.nondiscrimination.strip())

    @property
    def show_language_help(self):
        return self.language_help_on and bool(self.language_help.strip())

    @property
    def tagline_list(self):
        pairs = (line.split(":", 1) for line in self.taglines.splitlines() if ":" in line)
        return [(language.strip(), text.strip()) for language, text in pairs if text.strip()]


CACHED_MODELS = (
    ProgramFacts,
    Track,
    Location,
    OpeningHours,
    Credential,
    Reviewer,
    ArticleReview,
    Notices,
)
