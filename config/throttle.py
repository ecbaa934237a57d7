"""Counts tries per client IP (or per address) in the database and says when
there have been too many: sign-ups, password resets and wrong share links."""

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .clientip import client_ip
from .models import Attempt

WINDOW = timedelta(hours=1)


def _key(value: str) -> str:
    # Keyed hash: the table never holds a readable IP or email address.
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def ip_of(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


def too_many(scope: str, value: str, now: datetime) -> bool:
    """True once `value` has used up its tries for `scope` in the last hour."""
    since = now - WINDOW
    return (
        Attempt.objects.recent(scope, _key(value), since).count()
        >= settings.LIMBER_THROTTLES[scope]
    )


def count(scope: str, value: str, now: datetime) -> None:
    """Record one try, and forget tries older than the window."""
    Attempt.objects.filter(scope=scope, at__lt=now - WINDOW).delete()
    Attempt.objects.create(scope=scope, key=_key(value), at=now)


def take(scope: str, value: str, now: datetime) -> bool:
    """Count a try unless the limit is reached; True when it was refused."""
    if too_many(scope, value, now):
        return True
    count(scope, value, now)
    return False


def refused(request: HttpRequest) -> HttpResponse:
    """The friendly 429 page."""
    response = render(request, "config/throttled.html", status=429)
    response["Retry-After"] = str(int(WINDOW.total_seconds()))
    return response
