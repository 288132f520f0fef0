"""The site's own views: error pages, the admin lockout page, robots.txt, security.txt, media."""

import re
import sys

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import RequestDataTooBig
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from content import images

from .addresses import reverse_everywhere
from .contact import error_page_context

# Only the files content.images writes: a content hash, an optional width, a known extension.
MEDIA_NAME = re.compile(
    rf"{images.UPLOAD_DIR}/[0-9a-f]{{16}}(_[A-Za-z0-9]{{7}})?(-\d{{1,4}}w)?\.(jpg|png|webp)"
)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def bad_request(request, exception):
    """Unreadable or hostile input (bad Host, too many fields, too big): our page, not a 500."""
    if isinstance(exception, RequestDataTooBig):
        return render(request, "413.html", status=413)
    return render(request, "400.html", status=400)


def admin_locked_out(request, original_response=None, credentials=None):
    """django-axes calls this once a username has too many failed logins from one address."""
    context = {
        **admin.site.each_context(request),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "admin/locked_out.html", context, status=429)


@require_safe
def security_txt(request):
    """RFC 9116: how to report a security problem; the values live in settings."""
    lines = [f"Contact: {contact}" for contact in settings.IOP_SECURITY_TXT_CONTACTS]
    lines.append(f"Expires: {settings.IOP_SECURITY_TXT_EXPIRES}")
    if settings.IOP_SECURITY_TXT_POLICY:
        lines.append(f"Policy: {settings.IOP_SECURITY_TXT_POLICY}")
    lines.append("Preferred-Languages: en, es")
    lines.append(f"Canonical: {request.build_absolute_uri()}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the hashed file."""
    return redirect(static("favicon.ico"), permanent=True)


def _in_admin(request):
    return request.path.startswith(reverse("admin:index"))


def csrf_failure(request, reason=""):
    if _in_admin(request):
        # Staff get the admin's look and a way back to their form, not the visitors' page.
        context = {**admin.site.each_context(request), "title": "Please try that again"}
        return render(request, "admin/403_csrf.html", context, status=403)
    return render(request, "403_csrf.html", status=403)


def permission_denied(request, exception):
    if _in_admin(request):
        context = {**admin.site.each_context(request), "title": "Not allowed"}
        return render(request, "admin/403.html", context, status=403)
    return defaults.permission_denied(request, exception)


def server_error(request):
    """Render with no request context and no query: the database may be what failed."""
    # The details staff set last, as this process or machine last saw them (core/contact.py).
    body = loader.get_template("500.html").render(error_page_context())
    # A database that cannot be reached is an outage, not a bug: 503 tells proxies and search
    # engines to come back soon instead of treating the page as broken.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(body, status=500)


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24 * 365, immutable=True)
def media_file(request, path):
    """Serve an uploaded page picture (whitenoise serves only static files)."""
    if not MEDIA_NAME.fullmatch(path) or not default_storage.exists(path):
        raise Http404
    extension = path.rsplit(".", 1)[1]
    response = FileResponse(
        default_storage.open(path), content_type=images.CONTENT_TYPES[extension]
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; sandbox"
    return response


@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    # Security: a secret admin path (DJANGO_ADMIN_URL) must not be published here; the admin's
    # own pages already tell search engines not to index them. Only the default is listed.
    if settings.IOP_ADMIN_URL == "admin/":
        lines.append(f"Disallow: {reverse('admin:index')}")
    # Only the self-check's start page is for search engines, in every language; its steps and
    # results are not. Everything else (English and Spanish) may be crawled.
    for screening_start in sorted(reverse_everywhere("screening:start"), key=len):
        lines += [f"Allow: {screening_start}$", f"Disallow: {screening_start}"]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
