"""Deploy checks of our own, run by `manage.py check --deploy` beside Django's."""

import datetime

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils import timezone
from django.utils.dateparse import parse_datetime

SECURITY_TXT_RENEW_DAYS = 30


@register(Tags.security, deploy=True)
def check_admin_url(app_configs, **kwargs):
    if settings.IOP_ADMIN_URL == "admin/":
        return [
            Warning(
                "The admin is at the guessable path /admin/.",
                hint="Set DJANGO_ADMIN_URL to a path only staff know, e.g. staff-7f3k2/.",
                id="iop.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_security_txt(app_configs, **kwargs):
    problems = []
    expires = parse_datetime(settings.IOP_SECURITY_TXT_EXPIRES)
    if expires is None or timezone.is_naive(expires):
        problems.append(
            Warning(
                f"IOP_SECURITY_TXT_EXPIRES {settings.IOP_SECURITY_TXT_EXPIRES!r} is not a date "
                "and time with a time zone.",
                hint="Set DJANGO_SECURITY_TXT_EXPIRES like 2027-06-30T00:00:00Z.",
                id="iop.W002",
            )
        )
    elif expires - timezone.now() < datetime.timedelta(days=SECURITY_TXT_RENEW_DAYS):
        problems.append(
            Warning(
                f"security.txt expires on {expires:%Y-%m-%d}, in under "
                f"{SECURITY_TXT_RENEW_DAYS} days (or already).",
                hint="Check the contact still works, then move DJANGO_SECURITY_TXT_EXPIRES on "
                "by up to a year.",
                id="iop.W002",
            )
        )
    if any(contact.endswith("@example.org") for contact in settings.IOP_SECURITY_TXT_CONTACTS):
        problems.append(
            Warning(
                "security.txt still names the example contact address.",
                hint="Set DJANGO_SECURITY_TXT_CONTACT to a real mailto: or https: contact.",
                id="iop.W003",
            )
        )
    return problems
