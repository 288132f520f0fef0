from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.decorators.http import require_safe

from .models import Page, SiteSettings
from .phone import tel_href


@require_safe
def home(request):
    return render(request, "content/home.html")


@require_safe
def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published(), slug=slug)
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
