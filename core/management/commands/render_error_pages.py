from pathlib import Path

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.management.base import BaseCommand
from django.test import RequestFactory

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
        "answers by itself when a body is too big or no app server answers."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="where to write 413.html and 503.html")

    def handle(self, *args, folder, **options):
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        request = RequestFactory(HTTP_HOST=page_host()).get("/")
        pages = {
            "413.html": views.bad_request(request, RequestDataTooBig()),
            "503.html": views.server_error(request),
        }
        for name, response in pages.items():
            (target / name).write_bytes(response.content)
        if options["verbosity"]:
            self.stdout.write(f"Wrote {', '.join(pages)} to {target}.")
