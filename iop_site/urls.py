from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from content import views as content_views

urlpatterns = [
    # Security: the admin lives at a path set by DJANGO_ADMIN_URL; security.txt and the favicon.
    path(settings.ADMIN_URL, admin.site.urls),
    path(".well-known/security.txt", content_views.security_txt, name="security_txt"),
    path("favicon.ico", content_views.favicon, name="favicon"),
    path("self-check/", include("screening.urls")),
    path("", include("content.urls")),
]

handler400 = content_views.bad_request
handler404 = content_views.page_not_found
handler500 = content_views.server_error
