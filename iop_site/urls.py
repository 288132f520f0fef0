from django.contrib import admin
from django.urls import include, path

from content import views as content_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("self-check/", include("screening.urls")),
    path("", include("content.urls")),
]

handler400 = content_views.bad_request
handler404 = content_views.page_not_found
handler500 = content_views.server_error
