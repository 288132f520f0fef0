"""/healthz for load balancers: is this server able to serve pages right now?"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("Health check: the database did not answer.", exc_info=True)
        return False


def cache_ok():
    ping = getattr(cache, "ping", None)
    if ping is not None:
        answered = ping()
    else:
        # A unique key per call, so two checks on a shared cache never read each other's value.
        key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
        try:
            cache.set(key, value, timeout=5)
            answered = cache.get(key) == value
            cache.delete(key)
        except Exception:
            answered = False
    if not answered:
        logger.warning("Health check: the cache did not answer.")
    return answered


@never_cache
@require_safe
def healthz(request):
    checks = {
        "database": "ok" if database_ok() else "failed",
        "cache": "ok" if cache_ok() else "failed",
    }
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failed", "checks": checks},
        status=200 if healthy else 503,
    )
