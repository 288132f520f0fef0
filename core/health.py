"""Health endpoints: one for the load balancer, one for monitoring.

/healthz (liveness) answers 200 as long as this server can serve: it can still answer cached
pages and the outage page with the phone number when the database or Redis is down, and every
server shares those, so a balancer that pulled servers for them would pull all of them at once.
It fails only when this process cannot render the outage page itself.

/healthz/status (readiness, for monitoring and alerts) names each dependency's state and answers
503 when any of them fails.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import contact

logger = logging.getLogger(__name__)


def database_problem():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            if cursor.fetchone() == (1,):
                return None
            return "unexpected answer"
    except Exception as error:
        logger.warning("Health check: the database did not answer.", exc_info=True)
        return error.__class__.__name__


def cache_problem():
    check = getattr(cache, "check", None)
    if check is not None:
        problem = check()
    else:
        # A unique key per call, so two checks on a shared cache never read each other's value.
        key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
        try:
            cache.set(key, value, timeout=5)
            problem = None if cache.get(key) == value else "did not keep a value"
            cache.delete(key)
        except Exception as error:
            problem = error.__class__.__name__
    if problem:
        logger.warning("Health check: the cache cannot be used (%s).", problem)
    return problem


def database_ok():
    return database_problem() is None


def cache_ok():
    return cache_problem() is None


@never_cache
@require_safe
def healthz(request):
    """Liveness: no database, no Redis; only what this process needs to answer visitors."""
    try:
        loader.get_template("500.html").render(contact.error_page_context())
    except Exception:
        logger.exception("Health check: this server cannot render its outage page")
        return JsonResponse({"status": "failed"}, status=503)
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def status(request):
    problems = {"database": database_problem(), "cache": cache_problem()}
    checks = {name: "failed" if problem else "ok" for name, problem in problems.items()}
    healthy = not any(problems.values())
    body = {"status": "ok" if healthy else "failed", "checks": checks}
    if not healthy:
        body["problems"] = {name: problem for name, problem in problems.items() if problem}
    return JsonResponse(body, status=200 if healthy else 503)
