from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from content.sitemaps import SITEMAPS

from . import views
from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # The admin lives at a path set by DJANGO_ADMIN_URL.
    path(settings.IOP_ADMIN_URL, admin.site.urls),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("media/<path:path>", views.media_file, name="media"),
]
