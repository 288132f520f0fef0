from django.core.management.base import BaseCommand

from core import pagecache


class Command(BaseCommand):
    help = (
        "Make every cached page stale on every server. Saves in the admin do this by themselves; "
        "run it after changing the database some other way (raw SQL, a restored backup)."
    )

    def handle(self, *args, **options):
        pagecache.invalidate_now()
        self.stdout.write("Every server renders its pages afresh within a few seconds.")
