"""Project-wide request handling: the user's time zone, caching and outages."""

import zoneinfo
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control

from .models import Profile

TZ_SESSION_KEY = "limber_tz"
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def remember_time_zone(request: HttpRequest, name: str) -> None:
    request.session[TZ_SESSION_KEY] = name


class UserTimezoneMiddleware:
    """Activates the signed-in person's own time zone for the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = self._zone_name(request)
        if name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    @staticmethod
    def _zone_name(request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        name = request.session.get(TZ_SESSION_KEY)
        if name is None:
            # Cached in the session so that most requests cost no query.
            profile, _ = Profile.objects.get_or_create(user=request.user)
            name = profile.time_zone
            remember_time_zone(request, name)
        return name


class NoStoreForPersonalPagesMiddleware:
    """Nothing Limber renders may sit in a shared or browser cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


def outage_response(request: HttpRequest | None = None) -> HttpResponse:
    """The 503 page, rendered without touching the database."""
    htmx = bool(request is not None and request.headers.get("HX-Request"))
    body = render_to_string("503.html", {"fragment_only": htmx})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


class DatabaseOutageMiddleware:
    """Turns a lost database connection in a view into a calm 503 page.

    Django turns exceptions into responses inside each middleware layer, so
    outages outside views reach `config.views.server_error` instead.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_ERRORS):
            return outage_response(request)
        return None
