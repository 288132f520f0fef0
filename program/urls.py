from django.urls import path

from . import views

app_name = "program"

urlpatterns = [
    path("our-program/", views.our_program, name="our_program"),
    path("questions-to-ask/", views.questions, name="questions"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("editorial-policy/", views.editorial, name="editorial"),
    path("nondiscrimination/", views.nondiscrimination, name="nondiscrimination"),
    path("language-help/", views.language_help, name="language_help"),
]
