from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from content.sitemaps import SITEMAPS

from . import health, views

urlpatterns = [
    # /healthz for the load balancer, /healthz/status for monitoring (see core/health.py).
    path("healthz", health.healthz, name="healthz"),
    path("healthz/status", health.status, name="healthz_status"),
    # The admin lives at a path set by DJANGO_ADMIN_URL.
    path(settings.ADMIN_URL, admin.site.urls),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("media/<path:path>", views.media_file, name="media"),
]
