from django.contrib import admin
from django.urls import include, path

from meetings import body_views, views

# Unknown bodies, sessions and documents: a page in the reader's language.
handler404 = "meetings.views.page_not_found"

urlpatterns = [
    path("", views.body_list, name="body-list"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("bodies/new", body_views.body_create, name="body-create"),
    path("bodies/<slug:body_slug>/", views.body_detail, name="body-detail"),
    path("bodies/<slug:body_slug>/edit", body_views.body_edit, name="body-edit"),
    # The agenda app adds the session pages; referenced by name so meetings never imports it.
    path("", include("agenda.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    # set_language: the language switcher posts here and the choice is kept in a cookie.
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
