from django.urls import path

from agenda import views

urlpatterns = [
    path(
        "bodies/<slug:body_slug>/sessions/<int:number>/",
        views.session_detail,
        name="session-detail",
    ),
    path(
        "bodies/<slug:body_slug>/sessions/<int:number>/export.json",
        views.session_export,
        name="session-export",
    ),
]
