"""Every production route and error page, plus the baseline page the benchmarks compare against."""

from django.urls import path

from bench import views
from config import urls as production

urlpatterns = [
    path("bench/baseline/", views.baseline, name="bench-baseline"),
    *production.urlpatterns,
]

# The same error pages as production (the 503 page for outages among them).
handler400 = getattr(production, "handler400", "django.views.defaults.bad_request")
handler404 = getattr(production, "handler404", "django.views.defaults.page_not_found")
handler500 = getattr(production, "handler500", "django.views.defaults.server_error")
