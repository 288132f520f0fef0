from django.urls import include, path

from core import views as core_views

urlpatterns = [
    path("", include("core.urls")),
    path("self-check/", include("screening.urls")),
    path("", include("program.urls")),
    path("", include("content.urls")),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
