"""Project-wide request handling: sessions, the user's time zone, caching and outages."""

import logging
import time
import zoneinfo
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django_htmx.http import HttpResponseClientRedirect

from .models import Profile, SignIn

TZ_SESSION_KEY = "limber_tz"
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5
# When the session began and when it was last used (seconds since the epoch),
# and whether the person asked to stay signed in on this device.
SINCE_KEY = "limber_since"
SEEN_KEY = "limber_seen"
REMEMBER_KEY = "limber_remember"
# "Last used" is written at most this often, so most requests save nothing.
TOUCH_SECONDS = 60
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

log = logging.getLogger(__name__)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's session middleware, except after a committed write.

    The session is saved after the view. If the database fails just then, a
    POST that the view answered with success has already stored its change:
    answering 503 would tell the person it was not saved, and they would send
    it again. So the view's answer stands and only the session update (a flash
    message, say) is lost. A read that fails to save its session is an
    outage as before.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except (SessionInterrupted, *DATABASE_ERRORS):
            if request.method in SAFE_METHODS or response.status_code >= 400:
                raise
            log.warning("Session not saved after a successful %s", request.method)
            return response


def start_session_clock(request: HttpRequest, *, remember: bool = False) -> None:
    """Called at login: the absolute and idle limits count from now."""
    now = int(time.time())
    request.session[SINCE_KEY] = now
    request.session[SEEN_KEY] = now
    request.session[REMEMBER_KEY] = remember
    # A browser-session cookie unless the person asked to be remembered.
    request.session.set_expiry(settings.SESSION_REMEMBER_SECONDS if remember else 0)


def idle_touch_seconds() -> int:
    # A short idle timeout (as in tests) needs "last used" noted more often.
    return max(1, settings.SESSION_IDLE_SECONDS // 2)


def is_activity(request: HttpRequest) -> bool:
    """Whether the person did something: a page opened, a form sent, an htmx
    swap. Background fetches (the service worker filling its cache, checking
    for an update, the manifest) do not keep an idle session alive."""
    if request.method not in SAFE_METHODS or request.headers.get("HX-Request"):
        return True
    mode = request.headers.get("Sec-Fetch-Mode")
    return mode is None or mode == "navigate"


def session_has_lapsed(session, now: int) -> bool:
    since, seen = session.get(SINCE_KEY, now), session.get(SEEN_KEY, now)
    if session.get(REMEMBER_KEY):
        return now - since > settings.SESSION_REMEMBER_SECONDS
    return now - since > settings.SESSION_MAX_SECONDS or now - seen > settings.SESSION_IDLE_SECONDS


def end_this_session(request: HttpRequest) -> None:
    """Sign this browser out; the person's other devices keep their sessions."""
    SignIn.objects.filter(session_key=request.session.session_key).delete()
    request.session.flush()
    request.user = AnonymousUser()


def end_session_if_locked_out(request: HttpRequest) -> None:
    """After too many wrong passwords axes marks the request (and answers 429):
    then the session that gave them ends too."""
    if getattr(request, "axes_locked_out", False):
        end_this_session(request)


class SessionTimeoutMiddleware:
    """Ends a signed-in session after the idle timeout or the absolute cap.

    The "last used" time is saved before the view runs, so a database failure
    while saving it stops the request before anything is written.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.get_response(request)
        session, now = request.session, int(time.time())
        if SINCE_KEY not in session:
            # Signed in before these limits existed: they count from now.
            start_session_clock(request, remember=False)
        elif session_has_lapsed(session, now):
            return self._end(request)
        elif not is_activity(request) or now - session.get(SEEN_KEY, now) < min(
            TOUCH_SECONDS, idle_touch_seconds()
        ):
            return self.get_response(request)
        session[SEEN_KEY] = now
        session.save()
        session.modified = False
        return self.get_response(request)

    @staticmethod
    def _end(request: HttpRequest) -> HttpResponse:
        end_this_session(request)
        # What the person was doing is dropped; they log in again and carry on.
        back = request.get_full_path() if request.method in SAFE_METHODS else ""
        query = {"ended": "1", **({"next": back} if back else {})}
        url = f"{reverse('login')}?{urlencode(query)}"
        if request.headers.get("HX-Request"):
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)


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
