"""A URLconf for tests only: a view that fails, to see the 500 page."""

from django.urls import include, path


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), path("", include("config.urls"))]
