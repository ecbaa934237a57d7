"""The one place that decides whether a person may see routine and session pages.

It asks the safety standing (``screening.standing``, read through
``screening.records``) and nothing else: no view decides on its own.

* May stretch (go, or go with cautions): the page is shown.
* Must answer the safety questions (none yet, expired, after a stop, after a
  cool-down): redirect to the questionnaire.
* Blocked, or resting after a stop: the standing page (403), never the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from screening.context import standing_context
from screening.models import Screening
from screening.records import cautions_of, request_standing, standing_for
from screening.rules import Caution
from screening.standing import Next, Standing, State

_ANONYMOUS = Standing(state=State.CHECK, next=Next.ANSWER, reason="")


@dataclass(frozen=True)
class ScreeningStatus:
    """The standing with the stored result it rests on, for pages that show both."""

    standing: Standing
    current: Screening | None  # the result the standing rests on, if any
    latest: Screening | None  # the newest result of any kind

    @property
    def allowed(self) -> bool:
        return self.standing.may_stretch

    @property
    def blocked(self) -> bool:
        return self.standing.stopped


def screening_status(user: Any, now: datetime, standing: Standing | None = None) -> ScreeningStatus:
    if not getattr(user, "is_authenticated", False):
        return ScreeningStatus(_ANONYMOUS, None, None)
    standing = standing or standing_for(user, now)
    latest = Screening.objects.for_user(user).newest_first().first()
    current = None
    if standing.result_id is not None:
        current = latest if latest and latest.pk == standing.result_id else None
        if current is None:
            current = Screening.objects.filter(pk=standing.result_id, user=user).first()
    return ScreeningStatus(standing, current, latest)


def request_status(request: HttpRequest) -> ScreeningStatus:
    return screening_status(request.user, timezone.now(), request_standing(request))


def current_cautions(user: Any) -> frozenset[Caution]:
    """Cautions of a standing that lets the person stretch; empty otherwise."""
    return cautions_of(standing_for(user, timezone.now()))


def plan_changes(request: HttpRequest) -> tuple[str, ...]:
    """How the current result changes the plan, and why, in its own words.

    Empty while the standing does not let the person stretch.
    """
    status = request_status(request)
    if not status.allowed or status.current is None:
        return ()
    return status.current.plan_notes()


View = Callable[..., HttpResponse]


def screening_required(view: View) -> View:
    """Let the view run only for a person whose standing lets them stretch now."""

    @wraps(view)
    def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        standing = request_standing(request)
        if standing.may_stretch:
            return view(request, *args, **kwargs)
        if standing.state is State.CHECK:
            return _redirect(request, "screening:start")
        if getattr(request, "htmx", False) and not request.htmx.boosted:
            # A swap inside a session page: leave the page for the advice.
            return _redirect(request, "screening:standing")
        context = {**standing_context(request, standing), "gated": True}
        return render(request, "screening/blocked.html", context, status=403)

    gated.screening_required = True  # type: ignore[attr-defined]
    return gated


def _redirect(request: HttpRequest, name: str) -> HttpResponse:
    response = redirect(name)
    if getattr(request, "htmx", False):
        # htmx follows a plain redirect inside the swap; ask for a full visit.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = redirect(name).url
    return response
