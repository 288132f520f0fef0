from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from content import views as content_views
from content.sitemaps import SITEMAPS

urlpatterns = [
    # Security: the admin lives at a path set by DJANGO_ADMIN_URL; security.txt and the favicon.
    path(settings.ADMIN_URL, admin.site.urls),
    path(".well-known/security.txt", content_views.security_txt, name="security_txt"),
    path("favicon.ico", content_views.favicon, name="favicon"),
    path("self-check/", include("screening.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", content_views.robots_txt, name="robots_txt"),
    path("media/<path:path>", content_views.media_file, name="media"),
    path("", include("content.urls")),
]

handler400 = content_views.bad_request
handler404 = content_views.page_not_found
handler500 = content_views.server_error
