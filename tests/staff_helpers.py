"""Shared helpers for the staff-editing tests: filling in the page form as the admin renders it."""

import html
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# The `editor` fixture's password (tests/conftest.py), for tests that log in through the form.
EDITOR_PASSWORD = "a-long-enough-passphrase"

PAGE_FIELDS = ["title", "slug", "summary", "body", "nav_title", "image_alt"]


def hidden_value(response, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    return html.unescape(match.group(1)) if match else ""


def page_form_data(client, page, **changes):
    """What the browser would send after opening the change form now and editing `changes`."""
    response = client.get(f"/admin/content/page/{page.pk}/change/")
    assert response.status_code == 200
    data = {name: getattr(page, name) for name in PAGE_FIELDS}
    data["edit_token"] = hidden_value(response, "edit_token")
    if page.is_published:
        data["is_published"] = "on"
    if page.in_menu:
        data["in_menu"] = "on"
    data.update(changes)
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
    data = {name: getattr(page, name) for name in ["title", "slug", "summary", "body", "nav_title"]}
    return {**data, "is_published": "on", "in_menu": "on", **changes}


def settings_form(site, **changes):
    """The site settings form as posted with the current values."""
    names = ["provider_name", "phone", "hours", "website", "home_intro"]
    data = {name: getattr(site, name) for name in names}
    return {**data, "phone_verified_on": site.phone_verified_on.isoformat(), **changes}


def picture_bytes(image_format="JPEG", size=(1600, 900), color=(40, 110, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, image_format)
    return buffer.getvalue()


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)
