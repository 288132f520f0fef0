"""Shared helpers for the staff-editing tests: filling in the page form as the admin renders it."""

import html
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# The `editor` fixture's password (tests/conftest.py), for tests that log in through the form.
EDITOR_PASSWORD = "a-long-enough-passphrase"

PAGE_FIELDS = ["title", "slug", "summary", "body", "nav_title", "image_alt"]
# Texts the admin shows in English and Spanish (title_en, title_es); a test's `title=` is English.
TRANSLATED = {"title", "summary", "body", "nav_title", "image_alt", "hours", "home_intro"}


def english(obj, name):
    """The English text (`obj.title` would follow whichever language the last request used)."""
    if name in TRANSLATED:
        return getattr(obj, f"{name}_en") or ""
    return getattr(obj, name)


def in_columns(values, obj=None):
    """Plain names as the form's columns: `title` becomes title_en, and with `obj` given, each
    text's Spanish column comes along as the form shows it."""
    data = {}
    for name, value in values.items():
        if name in TRANSLATED:
            data[f"{name}_en"] = value
            if obj is not None:
                data.setdefault(f"{name}_es", getattr(obj, f"{name}_es") or "")
        else:
            data[name] = value
    return data


def hidden_value(response, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    return html.unescape(match.group(1)) if match else ""


def page_form_data(client, page, **changes):
    """What the browser would send after opening the change form now and editing `changes`."""
    response = client.get(f"/admin/content/page/{page.pk}/change/")
    assert response.status_code == 200
    data = in_columns({name: english(page, name) for name in PAGE_FIELDS}, page)
    data["edit_token"] = hidden_value(response, "edit_token")
    if page.is_published:
        data["is_published"] = "on"
    if page.in_menu:
        data["in_menu"] = "on"
    data.update(in_columns(changes))
    return data


def edit_page(client, page, **changes):
    """Staff open the page, make `changes` and press Save."""
    return client.post(
        f"/admin/content/page/{page.pk}/change/", page_form_data(client, page, **changes)
    )


def save_draft(client, page, **changes):
    """Staff open the page, make `changes` and press Save draft."""
    return client.post(
        f"/admin/content/page/{page.pk}/change/",
        {**page_form_data(client, page, **changes), "_save_draft": "1"},
    )


def page_form(page, **changes):
    """The page change form as posted with the page's current words, published and in the menu."""
    data = {name: english(page, name) for name in ["title", "slug", "summary", "body", "nav_title"]}
    return in_columns({**data, "is_published": "on", "in_menu": "on", **changes})


def settings_form(site, **changes):
    """The site settings form as posted with the current values."""
    names = ["provider_name", "phone", "hours", "website", "home_intro"]
    data = in_columns({name: english(site, name) for name in names}, site)
    return {
        **data,
        "phone_verified_on": site.phone_verified_on.isoformat(),
        **in_columns(changes),
    }


def picture_bytes(image_format="JPEG", size=(1600, 900), color=(40, 110, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, image_format)
    return buffer.getvalue()


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)
