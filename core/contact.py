"""The contact details error and outage pages show, known without asking the database.

Error pages are shown when something failed, often the database itself. So every process keeps
the last contact details it read in memory and in a small JSON file (shared by the processes of
one machine, and kept across restarts); `last_known_contact()` never queries. The snapshot is
taken after each site-settings save, after `migrate`, and whenever a process learns that staff
saved something (see core.pagecache), so every server catches up within seconds.
"""

import contextlib
import json
import logging
import os
import tempfile

from django.conf import settings
from django.db import DatabaseError, transaction

from content.models import SiteSettings
from content.phone import tel_href

logger = logging.getLogger(__name__)

_remembered = None


def _defaults():
    return {
        "provider_name": SiteSettings._meta.get_field("provider_name").default,
        "phone": SiteSettings._meta.get_field("phone").default,
    }


def _complete(values):
    contact = {**_defaults(), **{k: v for k, v in values.items() if v and isinstance(v, str)}}
    return {**contact, "phone_href": tel_href(contact["phone"])}


def last_known_contact():
    """{"provider_name", "phone", "phone_href"}: memory, else the file, else the model defaults."""
    if _remembered is not None:
        return _remembered
    with (
        contextlib.suppress(OSError, ValueError, TypeError, AttributeError),
        open(settings.IOP_CONTACT_SNAPSHOT_FILE, encoding="utf-8") as file,
    ):
        return _complete(json.load(file))
    return _complete({})


def error_page_context():
    """What the error and outage pages need, from `last_known_contact()`: no query."""
    contact = last_known_contact()
    # An unsaved record, so the templates read it as they read the real one on every other page.
    site = SiteSettings(provider_name=contact["provider_name"], phone=contact["phone"])
    return {"site": site, "quick_exit_url": settings.IOP_QUICK_EXIT_URL}


def remember(provider_name, phone):
    """Keep these details for error pages, in this process and in the file."""
    global _remembered
    _remembered = _complete({"provider_name": provider_name, "phone": phone})
    path = settings.IOP_CONTACT_SNAPSHOT_FILE
    temporary = None
    try:
        # Written whole then renamed, so a reader never sees half a file.
        folder = os.path.dirname(path) or "."
        with tempfile.NamedTemporaryFile(
            "w", dir=folder, prefix=".contact-", delete=False, encoding="utf-8"
        ) as file:
            temporary = file.name
            json.dump({"provider_name": provider_name, "phone": phone}, file)
        os.replace(temporary, path)
    except OSError:
        logger.warning("Could not write the contact snapshot %s", path, exc_info=True)
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return _remembered


def refresh():
    """Read the current details from the database and remember them; False if it did not answer."""
    try:
        row = SiteSettings.objects.filter(pk=1).values("provider_name", "phone").first()
    except DatabaseError:
        logger.warning("Could not read the contact details for error pages", exc_info=True)
        return False
    row = row or _defaults()
    remember(row["provider_name"], row["phone"])
    return True


def forget():
    """Drop what this process and the file remember, so the defaults show again (tests)."""
    global _remembered
    _remembered = None
    with contextlib.suppress(FileNotFoundError):
        os.unlink(settings.IOP_CONTACT_SNAPSHOT_FILE)


def unknown():
    """True until this process has read or been told the details."""
    return _remembered is None


def on_site_settings_saved(instance, **_signal_kwargs):
    # After the commit: a save that is rolled back must not change what error pages say.
    transaction.on_commit(lambda: remember(instance.provider_name, instance.phone), robust=True)


def on_migrate(sender, **_signal_kwargs):
    if sender.name == "core":
        refresh()
