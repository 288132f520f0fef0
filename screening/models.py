import datetime
import re
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from . import vocabulary as v
from . import wording

QUESTION_KEYS = [
    (v.RATHER_NOT_LIVE_IN, "1. Would rather not live at a treatment center"),
    (v.STEPPING_DOWN, "2. Finished an inpatient program"),
    (v.RELAPSE, "3. In recovery before, then relapsed"),
    (v.DETOX, "4. Detox"),
    (v.WARNING_SIGNS, "Follow-up: withdrawal warning signs"),
]
OUTCOME_CHOICES = [
    (v.GOOD_FIT, "Good fit"),
    (v.DETOX_FIRST, "Detox first"),
    (v.TALK_IT_THROUGH, "Talk it through"),
]
PATH_KEYS = QUESTION_KEYS[:3]
# Blank: a count made before the audience was recorded.
NOT_RECORDED = ""
AUDIENCE_CHOICES = [
    (v.ME, "For themselves"),
    (v.LOVED_ONE, "For a loved one"),
    (NOT_RECORDED, "Not recorded"),
]
PAGE_TEXT_KEYS = [
    (v.START_FACTS, "Start page: the points above the first question"),
    (v.ABOUT_CALL, "Result page: what happens when you call"),
]

ME_HELP = 'Worded for someone checking for themselves ("you").'
LOVED_ONE_HELP = 'Worded for someone checking for a loved one ("your loved one", "they").'
RICH_HELP = "Format it with the toolbar; paragraphs, lists and links are kept. "


# docs/screening-rules.md: a result may say IOP "may be a good fit", never that someone qualifies
# (in Spanish: "califica", "cumple/reúne los requisitos").
PROMISE = re.compile(
    r"\bqualif(?:y|ies)\b|\bcalific(?:a|as|an|ar|amos)\b|\b(?:cumple|reúne)n? los requisitos\b",
    re.IGNORECASE,
)


class WordingQuerySet(models.QuerySet):
    def by_key(self, keys=None):
        """All records for `keys` in one query, with the starting wording filling any gap."""
        query = self if keys is None else self.filter(key__in=keys)
        found = {record.key: record for record in query}
        wanted = keys if keys is not None else [key for key, _ in self.model.KEY_CHOICES]
        return {key: found.get(key) or self.model.starting(key) for key in wanted}


class Wording(models.Model):
    """Text with a fixed key the rules refer to: staff change words, never the logic."""

    objects = WordingQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self):
        return self.get_key_display()

    @classmethod
    def starting(cls, key):
        position = [k for k, _ in cls.KEY_CHOICES].index(key)
        texts = {
            f"{name}_{language}": text
            for language, starting in (("en", cls.STARTING), ("es", cls.STARTING_ES))
            for name, text in starting[key].items()
        }
        return cls(key=key, position=position, **texts)

    def clean(self):
        # The columns per language, not the field that reads the active one (it is not on the
        # admin's form, and its text is in one of them anyway).
        errors = {
            field.name: 'Please do not promise a place ("qualify", in Spanish "califica"). Say '
            '"may be a good fit" ("puede ser una buena opción").'
            for field in self._meta.fields
            if hasattr(field, "translated_field") or not hasattr(self, f"{field.name}_en")
            if isinstance(getattr(self, field.name), str)
            and PROMISE.search(getattr(self, field.name))
        }
        if errors:
            raise ValidationError(errors)

    def worded_for(self, who):
        """This record's fields for the audience, without the _me / _loved_one suffix."""
        suffix = "_loved_one" if who == v.LOVED_ONE else "_me"
        return {
            field.name.removesuffix(suffix): getattr(self, field.name)
            for field in self._meta.fields
            if field.name.endswith(suffix)
        }


class Question(Wording):
    KEY_CHOICES = QUESTION_KEYS
    STARTING = wording.QUESTIONS
    STARTING_ES = wording.QUESTIONS_ES

    key = models.CharField(max_length=30, choices=QUESTION_KEYS, unique=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    text_me = models.CharField("question (for me)", max_length=250, help_text=ME_HELP)
    text_loved_one = models.CharField(
        "question (for a loved one)", max_length=250, help_text=LOVED_ONE_HELP
    )
    help_me = models.TextField(
        "hint (for me)",
        blank=True,
        help_text="A short hint under the question. " + RICH_HELP + ME_HELP,
    )
    help_loved_one = models.TextField(
        "hint (for a loved one)",
        blank=True,
        help_text="A short hint under the question. " + RICH_HELP + LOVED_ONE_HELP,
    )

    class Meta(Wording.Meta):
        verbose_name = "self-check question"


class ResultText(Wording):
    KEY_CHOICES = OUTCOME_CHOICES
    STARTING = wording.RESULTS
    STARTING_ES = wording.RESULTS_ES

    key = models.CharField(
        "result", max_length=30, choices=OUTCOME_CHOICES, unique=True, editable=False
    )
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    heading_me = models.CharField("heading (for me)", max_length=120, help_text=ME_HELP)
    heading_loved_one = models.CharField(
        "heading (for a loved one)", max_length=120, help_text=LOVED_ONE_HELP
    )
    body_me = models.TextField(
        "text (for me)",
        help_text=RICH_HELP + 'Never promise a place: say "may be a good fit". ' + ME_HELP,
    )
    body_loved_one = models.TextField(
        "text (for a loved one)", help_text=RICH_HELP + LOVED_ONE_HELP
    )

    class Meta(Wording.Meta):
        verbose_name = "self-check result text"


class PathBenefit(Wording):
    KEY_CHOICES = PATH_KEYS
    STARTING = wording.PATH_BENEFITS
    STARTING_ES = wording.PATH_BENEFITS_ES

    key = models.CharField("path", max_length=30, choices=PATH_KEYS, unique=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    matched_me = models.CharField("why it matched (for me)", max_length=200, help_text=ME_HELP)
    matched_loved_one = models.CharField(
        "why it matched (for a loved one)", max_length=200, help_text=LOVED_ONE_HELP
    )
    benefit_me = models.TextField("how IOP helps (for me)", help_text=RICH_HELP + ME_HELP)
    benefit_loved_one = models.TextField(
        "how IOP helps (for a loved one)", help_text=RICH_HELP + LOVED_ONE_HELP
    )
    warning_me = models.TextField(
        "safety warning (for me)",
        blank=True,
        help_text="Shown in a box after the benefit. Leave empty for none. " + ME_HELP,
    )
    warning_loved_one = models.TextField(
        "safety warning (for a loved one)",
        blank=True,
        help_text="Shown in a box after the benefit. Leave empty for none. " + LOVED_ONE_HELP,
    )

    class Meta(Wording.Meta):
        verbose_name = "self-check path and benefit"


class PageText(Wording):
    KEY_CHOICES = PAGE_TEXT_KEYS
    STARTING = wording.PAGE_TEXTS
    STARTING_ES = wording.PAGE_TEXTS_ES

    key = models.CharField(
        "where", max_length=30, choices=PAGE_TEXT_KEYS, unique=True, editable=False
    )
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    text_me = models.TextField(
        "text (for me)",
        help_text=RICH_HELP
        + "Write [provider name] where the provider's name from Site settings should go. "
        "The start page comes before visitors say who the check is for, so it shows this "
        "text until they choose. " + ME_HELP,
    )
    text_loved_one = models.TextField(
        "text (for a loved one)", help_text=RICH_HELP + LOVED_ONE_HELP
    )

    class Meta(Wording.Meta):
        verbose_name = "self-check page text"


class OutcomeCount(models.Model):
    """How many self-checks ended in each outcome, for each audience, on each day. Nothing else."""

    day = models.DateField()
    outcome = models.CharField(max_length=30, choices=OUTCOME_CHOICES)
    audience = models.CharField(
        "who it was for",
        max_length=20,
        choices=AUDIENCE_CHOICES,
        blank=True,
        default=NOT_RECORDED,
        help_text="Whether the self-check was for the person or a loved one. Counts from "
        'before this was kept say "Not recorded".',
    )
    count = models.PositiveIntegerField(
        "self-checks", default=0, help_text="How many self-checks ended so."
    )

    class Meta:
        ordering = ["-day", "outcome", "audience"]
        verbose_name = "self-check count"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "outcome", "audience"], name="one_count_per_day_outcome_audience"
            )
        ]

    def __str__(self):
        return f"{self.day}: {self.get_outcome_display()}, {self.get_audience_display()}"

    @classmethod
    def record(cls, outcome, audience=NOT_RECORDED, day=None):
        """Add one, safely when many servers finish self-checks at the same moment.

        The UPDATE with F() adds in the database, so no increment is lost. Only the first
        completion of a day creates the row; if two race to create it, the loser's INSERT hits
        the unique constraint inside a savepoint and it adds with an UPDATE instead.
        """
        if outcome not in v.OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        if audience not in dict(AUDIENCE_CHOICES):
            raise ValueError(f"unknown audience {audience!r}")
        day = day or timezone.localdate()
        rows = cls.objects.filter(day=day, outcome=outcome, audience=audience)
        if rows.update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(day=day, outcome=outcome, audience=audience, count=1)
        except IntegrityError:
            rows.update(count=F("count") + 1)


class Completion(models.Model):
    """One row per finished self-check while it could still be replayed, so it counts once.

    The token is random, made when the self-check started, and kept in its session: it says
    nothing about the person. Two final POSTs of one self-check, on any server at the same
    moment, both try to insert it; the database lets one win. Rows go once their session
    (an hour at most) is gone, as the only thing kept is the count.
    """

    token = models.CharField(max_length=32, primary_key=True)
    finished_at = models.DateTimeField(default=timezone.now, db_index=True)

    KEEP_FOR = datetime.timedelta(hours=2)

    class Meta:
        verbose_name = "self-check completion"

    def __str__(self):
        return self.token

    @classmethod
    def count_once(cls, token, outcome, audience=NOT_RECORDED, within_limit=lambda: True):
        """Count `outcome` for `audience` if it is `token`'s first completion and `within_limit()`.

        Returns whether it counted. A missing token (a session from before tokens) gets a
        fresh one: it still counts once per request.
        """
        try:
            with transaction.atomic():
                cls.objects.create(token=token or secrets.token_hex(16))
                if not within_limit():
                    return False
                OutcomeCount.record(outcome, audience=audience)
        except IntegrityError:
            return False
        finally:
            cls.objects.filter(finished_at__lt=timezone.now() - cls.KEEP_FOR).delete()
        return True
