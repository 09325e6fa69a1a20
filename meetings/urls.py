"""The meetings app's pages: bodies, and the health checks."""

from django.urls import path

from meetings import body_views, views

urlpatterns = [
    path("", views.body_list, name="body-list"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("bodies/new", body_views.body_create, name="body-create"),
    path("bodies/<slug:body_slug>/", views.body_detail, name="body-detail"),
    path("bodies/<slug:body_slug>/edit", body_views.body_edit, name="body-edit"),
]
