"""Print deploy/varnish.vcl filled in for this site: `manage.py edge_vcl --backend HOST:PORT`."""

import ipaddress
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.addresses import reverse_everywhere

TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "varnish.vcl"
# The addresses that always reach the app (each is a prefix of the paths under it).
PASS_URL_NAMES = ["admin:index", "screening:start", "healthz"]


def render_vcl(backend, purgers=("127.0.0.1", "::1"), probe_host=None):
    host, _, port = backend.rpartition(":")
    if not host or not port.isdigit():
        raise CommandError(f"--backend must be HOST:PORT, not {backend!r}")
    host = host.strip("[]")
    prefixes = set()
    for name in PASS_URL_NAMES:
        prefixes |= reverse_everywhere(name)
    if not prefixes:
        raise CommandError("None of the addresses that must bypass the edge could be found")
    values = {
        "backend_host": host,
        "backend_port": port,
        "probe_host": probe_host or (settings.ALLOWED_HOSTS or ["127.0.0.1"])[0].lstrip("."),
        "purge_acl": "\n".join(_acl_entry(entry) for entry in purgers),
        "pass_paths": "^(" + "|".join(re.escape(p) for p in sorted(prefixes)) + ")",
        "site_cookies": ",".join([settings.SESSION_COOKIE_NAME, "messages"]),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("{{ " + name + " }}", value)
    if "{{" in text:
        raise CommandError("deploy/varnish.vcl has a value this command does not fill in")
    return text


def _acl_entry(entry):
    try:
        network = ipaddress.ip_network(entry, strict=False)
    except ValueError as error:
        raise CommandError(f"--purge-from: {entry!r} is not an address or network") from error
    if network.num_addresses == 1:
        return f'    "{network.network_address}";'
    return f'    "{network.network_address}"/{network.prefixlen};'


class Command(BaseCommand):
    help = "Print the Varnish configuration for this site (deploy/varnish.vcl, filled in)."

    def add_arguments(self, parser):
        parser.add_argument("--backend", required=True, help="the app server, HOST:PORT")
        parser.add_argument(
            "--purge-from",
            default="127.0.0.1,::1",
            help="comma-separated addresses or networks allowed to send BAN/PURGE "
            "(the app servers; default loopback)",
        )
        parser.add_argument(
            "--probe-host", help="Host header of Varnish's health checks (default: first allowed)"
        )

    def handle(self, *args, backend, purge_from, probe_host, **options):
        purgers = [entry.strip() for entry in purge_from.split(",") if entry.strip()]
        self.stdout.write(render_vcl(backend, purgers, probe_host), ending="")
