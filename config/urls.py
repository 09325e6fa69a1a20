"""The root URLconf: each app's own pages, then Django's (sign-in, language switch, admin)."""

from django.contrib import admin
from django.urls import include, path

# Unknown bodies, sessions and documents: a page in the reader's language.
handler404 = "meetings.views.page_not_found"

urlpatterns = [
    path("", include("meetings.urls")),
    path("", include("agenda.urls")),
    # the read API (agenda/api/): JSON, its OpenAPI schema and docs page
    path("api/v1/", include("agenda.api.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    # set_language: the language switcher posts here and the choice is kept in a cookie.
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
