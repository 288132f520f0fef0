import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_site.settings")

application = get_wsgi_application()

# Cached public pages are answered before Django builds a request (see core/pagecache.py).
from core import pagecache  # noqa: E402 (needs the apps loaded above)

application = pagecache.wsgi(application)
