from django.core.management.base import BaseCommand

from core import pagecache


class Command(BaseCommand):
    help = (
        "Make every cached page stale in every worker. Saves in the admin do this by themselves; "
        "run it after changing the database some other way (raw SQL, a restored backup)."
    )

    def handle(self, *args, **options):
        pagecache.clear()
        self.stdout.write("Cached pages will be rendered afresh on their next visit.")
