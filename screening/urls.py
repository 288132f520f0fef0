from django.urls import path

from . import views

app_name = "screening"

urlpatterns = [
    path("", views.step, name="start"),
    path("question/<slug:page>/", views.step, name="question"),
    path("check/", views.check, name="check"),
    path("result/", views.result, name="result"),
    path("start-over/", views.start_over, name="start_over"),
]
