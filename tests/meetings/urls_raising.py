"""The project's URLs plus one view that fails, for the tests of the 500 path."""

from django.urls import path

from config.urls import urlpatterns as project


def explode(request):
    raise ZeroDivisionError("the failure the log must show")


urlpatterns = [*project, path("explode/", explode)]
