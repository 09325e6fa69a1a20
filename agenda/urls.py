from django.urls import path

from agenda import calendar_views, views

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
    path(
        "bodies/<slug:body_slug>/calendar.ics",
        calendar_views.body_calendar,
        name="body-calendar",
    ),
    path(
        "bodies/<slug:body_slug>/sessions/<int:number>/calendar.ics",
        calendar_views.session_calendar,
        name="session-calendar",
    ),
    path(
        "bodies/<slug:body_slug>/sessions/<int:number>/sittings/<int:sitting>.ics",
        calendar_views.sitting_calendar,
        name="sitting-calendar",
    ),
]
