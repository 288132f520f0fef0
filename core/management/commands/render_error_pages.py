from pathlib import Path

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.management.base import BaseCommand
from django.test import RequestFactory
from django.utils import translation

from core import views


def page_host():
    """A host name the site answers to, for links on the pages (never a wildcard pattern)."""
    for host in settings.ALLOWED_HOSTS:
        if host != "*" and not host.startswith("."):
            return host
    return "localhost"


class Command(BaseCommand):
    help = (
        "Write our 413 and outage pages as files for nginx (deploy/nginx.conf.template), which "
        "answers by itself when a body is too big or no app server answers. English in FOLDER, "
        "each other language in FOLDER/<code>/ (nginx picks it from the address's /<code>/ prefix)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="where to write 413.html and 503.html")

    def handle(self, *args, folder, **options):
        written = []
        for language, _name in settings.LANGUAGES:
            default = language == settings.LANGUAGE_CODE
            target = Path(folder) if default else Path(folder) / language
            target.mkdir(parents=True, exist_ok=True)
            # The address's language, as on the live site: links and text follow it.
            with translation.override(language):
                home = "/" if default else f"/{language}/"
                request = RequestFactory(HTTP_HOST=page_host()).get(home)
                pages = {
                    "413.html": views.bad_request(request, RequestDataTooBig()),
                    "503.html": views.server_error(request),
                }
            for name, response in pages.items():
                (target / name).write_bytes(response.content)
                written.append(str(target / name))
        if options["verbosity"]:
            self.stdout.write(f"Wrote {', '.join(written)}.")
