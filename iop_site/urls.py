from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from core import views as core_views

# The admin, health checks, robots.txt and the sitemap have one address; every visitor page has
# two: English where it always was, Spanish under /es/ (no redirect between them).
urlpatterns = [
    path("", include("core.urls")),
    *i18n_patterns(
        path("self-check/", include("screening.urls")),
        path("", include("program.urls")),
        path("", include("content.urls")),
        prefix_default_language=False,
    ),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
