import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import images
from .models import SiteSettings
from .navigation import published_pages
from .pagecache import cache_public_page
from .phone import tel_href

# Only the files content.images writes: a content hash, an optional width, a known extension.
MEDIA_NAME = re.compile(
    rf"{images.UPLOAD_DIR}/[0-9a-f]{{16}}(_[A-Za-z0-9]{{7}})?(-\d{{1,4}}w)?\.(jpg|png|webp)"
)


@require_safe
@cache_public_page
def home(request):
    return render(request, "content/home.html")


@require_safe
@cache_public_page
def page_detail(request, slug):
    # Picked from the menu's list rather than queried again: one query fewer per article.
    page = next((page for page in published_pages(request) if page.slug == slug), None)
    if page is None:
        raise Http404("No published page has this address.")
    return render(request, "content/page_detail.html", {"page": page})


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """Render with no request context and no query: the database may be what failed."""
    phone = SiteSettings._meta.get_field("phone").default
    body = loader.get_template("500.html").render({"phone": phone, "phone_href": tel_href(phone)})
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
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_safe
def robots_txt(request):
    screening_start = reverse("screening:start")
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        # Only the self-check's start page is for search engines; its steps and results are not.
        f"Allow: {screening_start}$",
        f"Disallow: {screening_start}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
