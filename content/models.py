import copy
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from core.models import SingletonModel

from . import images
from .phone import normalize_phone, tel_href
from .sanitize import clean_html

PHONE_CHECK_DAYS = 90


# Addresses the site serves from files, not through its URL patterns.
RESERVED_SLUGS = {"static", "media"}


def slug_is_free(slug):
    """True if /slug/ would reach the page, not another part of the site (self-check, admin...)."""
    if slug in RESERVED_SLUGS:
        return False
    try:
        match = resolve(f"/{slug}/")
    except Resolver404:
        return False
    return match.view_name == "content:page"


class PageQuerySet(models.QuerySet):
    def published(self, now=None):
        """Pages visitors may see now: ticked Published and inside their publish times."""
        now = now or timezone.now()
        return self.filter(
            models.Q(publish_from__isnull=True) | models.Q(publish_from__lte=now),
            models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now),
            is_published=True,
        )

    def next_scheduled_change(self, now=None):
        """When a published page next appears or disappears by its own times (None if never)."""
        now = now or timezone.now()
        ticked = self.filter(is_published=True)
        times = [
            ticked.filter(publish_from__gt=now).aggregate(t=models.Min("publish_from"))["t"],
            ticked.filter(unpublish_at__gt=now).aggregate(t=models.Min("unpublish_at"))["t"],
        ]
        times = [time for time in times if time is not None]
        return min(times) if times else None


LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# The page texts with a column per language (content/translation.py).
TRANSLATED_FIELDS = ["title", "nav_title", "summary", "body", "image_alt"]


def in_every_language(names):
    """title -> title_en, title_es: the columns staff edit, one per language."""
    return [f"{name}_{code}" for name in names for code in LANGUAGE_CODES]


# What a draft of a live page holds; the picture, web address and times change only on publish.
DRAFT_FIELDS = [*in_every_language(TRANSLATED_FIELDS), "in_menu"]


def draft_values(draft):
    """A saved draft's texts by column. Drafts saved before Spanish came hold `title` etc.:
    those were the English texts."""
    values = {}
    for name, value in (draft or {}).get("fields", {}).items():
        if name in TRANSLATED_FIELDS:
            name = f"{name}_{settings.LANGUAGE_CODE}"
        if name in DRAFT_FIELDS:
            values[name] = value
    return values


class Page(models.Model):
    title = models.CharField(
        max_length=120, help_text="The heading at the top of the page and in the browser tab."
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The last part of the web address, e.g. what-is-iop. Lowercase letters, "
        "numbers and hyphens only. Changing it breaks links people have saved.",
    )
    in_menu = models.BooleanField(
        "in the menu",
        default=True,
        help_text="Ticked: the page is in the menu at the top of every page and on the home "
        "page. Not ticked: it is an article, listed on the Articles page (newest first).",
    )
    nav_title = models.CharField(
        "menu title",
        max_length=40,
        blank=True,
        help_text="A short name for the menu at the top of every page. Needed only for "
        "pages in the menu.",
    )
    # Changed with the "Move up" and "Move down" actions in the list of pages, never typed.
    nav_order = models.PositiveSmallIntegerField("menu order", default=10, editable=False)
    summary = models.CharField(
        max_length=160,
        help_text="One or two sentences shown on the home page and to search engines "
        "(160 characters at most).",
    )
    body = models.TextField(
        help_text="The page text. Headings, paragraphs, lists, bold and links are kept; "
        "anything else (scripts, styles, colours) is removed when you save."
    )
    image = models.ImageField(
        "picture",
        upload_to=images.UPLOAD_DIR,
        blank=True,
        help_text="Optional. A JPEG, PNG or WebP picture shown under the heading "
        "(at most 10 MB). It is cleaned and resized for phones when you save.",
    )
    image_alt = models.CharField(
        "picture description",
        max_length=200,
        blank=True,
        help_text="Required when there is a picture: one sentence saying what it shows, "
        "read aloud to people who cannot see it. Example: A counselor talking with a "
        "client in a bright office.",
    )
    # Set in save(), not through ImageField's width_field, which opens the file whenever a page
    # without a recorded size is loaded (and fails if the file is missing).
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    is_published = models.BooleanField(
        "published",
        default=False,
        help_text="Only published pages are shown to visitors. Untick to keep it as a draft.",
    )
    publish_from = models.DateTimeField(
        "publish from",
        null=True,
        blank=True,
        help_text="Optional. The page appears to visitors at this time, if Published is "
        "ticked. Leave empty to show it as soon as you save.",
    )
    unpublish_at = models.DateTimeField(
        "take down at",
        null=True,
        blank=True,
        help_text="Optional. The page disappears from the site at this time. Leave empty "
        "to keep it up.",
    )
    # Changes saved with "Save as draft" while the page is live: visitors keep seeing the
    # published text until someone publishes them. Stored as {"fields": {...}, "saved_at",
    # "saved_by"}.
    draft = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("last edited", auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["nav_order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Each language's column by name: `self.body` would read the English fallback on a
        # Spanish request and write it into the Spanish column.
        for name in in_every_language(["body"]):
            if getattr(self, name):
                setattr(self, name, clean_html(getattr(self, name)))
        new_image = bool(self.image) and not self.image._committed
        if not self.image:
            self.image_width = self.image_height = None
        elif new_image:
            self.image_width, self.image_height = get_image_dimensions(self.image)
        super().save(*args, **kwargs)
        if new_image:
            images.make_renditions(self.image.name, self.image.storage)

    def get_absolute_url(self):
        return reverse("content:page", kwargs={"slug": self.slug})

    def is_live(self, now=None):
        now = now or timezone.now()
        return (
            self.is_published
            and (self.publish_from is None or self.publish_from <= now)
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    def with_draft(self):
        """A copy of this page with its unpublished draft applied, for the form and preview."""
        if not self.draft:
            return self
        page = copy.copy(self)
        for name, value in draft_values(self.draft).items():
            setattr(page, name, value)
        return page

    def clean(self):
        errors = {}
        if self.slug and not slug_is_free(self.slug):
            errors["slug"] = (
                f"The web address “{self.slug}” is already used by another part of the site, "
                "so visitors could never reach this page. Please choose a different one."
            )
        if self.publish_from and self.unpublish_at and self.unpublish_at <= self.publish_from:
            errors["unpublish_at"] = (
                "The take-down time is before the publish time, so the page would never be "
                "shown. Change one of the two times."
            )
        # The English texts are the ones every page must have: Spanish falls back to them.
        english = settings.LANGUAGE_CODE
        if self.in_menu and not (getattr(self, f"nav_title_{english}") or "").strip():
            errors[f"nav_title_{english}"] = (
                "Pages in the menu need a short menu title. Type one, or untick “In the menu” "
                "to publish this page as an article."
            )
        for name in in_every_language(["body"]):
            if getattr(self, name) and not clean_html(getattr(self, name)):
                errors[name] = "The page text is empty once unsafe parts are removed."
        if self.image and not (getattr(self, f"image_alt_{english}") or "").strip():
            errors[f"image_alt_{english}"] = (
                "Please describe the picture in a sentence. People who use screen readers "
                "hear this instead of seeing the picture."
            )
        if errors:
            raise ValidationError(errors)

    def image_sources(self):
        """(url, width) for the original and its smaller copies, worked out without any I/O."""
        if not self.image or not self.image_width:
            return []
        storage = self.image.storage
        return [
            (
                self.image.url
                if width == self.image_width
                else storage.url(images.rendition_name(self.image.name, width)),
                width,
            )
            for width in images.rendition_widths(self.image_width)
        ]

    @property
    def image_srcset(self):
        return ", ".join(f"{url} {width}w" for url, width in self.image_sources())

    @property
    def image_fallback_url(self):
        """A mid-sized copy for browsers without srcset and for link previews."""
        sources = self.image_sources()
        medium = [url for url, width in sources if width <= 1200]
        return medium[-1] if medium else (sources[0][0] if sources else "")


class SiteSettings(SingletonModel):
    """The one record of contact details used everywhere on the site."""

    provider_name = models.CharField(
        max_length=80, default="True Recovery", help_text="Shown in the header of every page."
    )
    phone = models.CharField(
        max_length=30,
        default="(844) 744-8783",
        help_text="The number people call. Shown on every page. Example: (844) 744-8783.",
    )
    hours = models.CharField(
        max_length=120,
        blank=True,
        help_text='When someone answers the phone, e.g. "Every day, 8am to 8pm". '
        "Leave empty to hide.",
    )
    website = models.URLField(
        blank=True, help_text="The provider's main website, if different from this one."
    )
    phone_verified_on = models.DateField(
        "phone number last checked",
        default=datetime.date.today,
        help_text="The day someone last called the number to check it works. "
        f"You will be reminded after {PHONE_CHECK_DAYS} days.",
    )
    home_intro = models.TextField(
        "home page introduction",
        default="",
        blank=True,
        help_text="A few plain sentences at the top of the home page.",
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"

    def clean(self):
        try:
            self.phone = normalize_phone(self.phone)
        except ValidationError as error:
            raise ValidationError({"phone": error.messages}) from error

    @property
    def phone_href(self):
        return tel_href(self.phone)

    def phone_check_overdue(self, today=None):
        today = today or timezone.localdate()
        return (today - self.phone_verified_on).days > PHONE_CHECK_DAYS
