from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_safe

from .models import SiteSettings
from .navigation import published_pages
from .pagecache import cache_public_page
from .phone import tel_href


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
