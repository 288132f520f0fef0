from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.pagecache import cache_public_page

from .navigation import articles, published_pages


@require_safe
@cache_public_page
def home(request):
    return render(request, "content/home.html")


@require_safe
@cache_public_page
def article_list(request):
    return render(request, "content/article_list.html", {"articles": articles(request)})


@require_safe
@cache_public_page
def page_detail(request, slug):
    # Picked from the menu's list rather than queried again: one query fewer per article.
    page = next((page for page in published_pages(request) if page.slug == slug), None)
    if page is None:
        raise Http404("No published page has this address.")
    return render(request, "content/page_detail.html", {"page": page})
