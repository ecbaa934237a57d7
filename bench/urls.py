"""Every production route, plus the baseline page the benchmarks compare against."""

from django.urls import path

from bench import views
from config.urls import handler404, handler500
from config.urls import urlpatterns as production_urls

urlpatterns = [
    path("bench/baseline/", views.baseline, name="bench-baseline"),
    *production_urls,
]

__all__ = ["handler404", "handler500", "urlpatterns"]
