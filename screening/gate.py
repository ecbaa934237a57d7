"""The one place that decides whether a person may see routine and session pages.

Rules for "current" and for clearances:

* The current screening is the person's *latest* screening, if it has not
  lapsed and is less than 30 days old. An older result never stands in for a
  newer one that lapsed or expired.
* Emergency and urgent results always block.
* A clinician-tier result blocks until a clinician clearance is recorded for
  it. A clearance covers the flags it was given for, for 30 days from the day
  the clinician cleared the person: a later screening whose flags are *all*
  clinician-tier flags that such a clearance already covered is not blocked
  (the person was re-asked after expiry or a stop signal and nothing new came
  up). Any new flag, or any emergency or urgent flag, needs care again.
* Cautions always come from the current screening itself, so a cleared
  person still gets the plan changes their answers call for.
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

from screening.context import result_context
from screening.models import CLEARANCE_VALID_FOR, Clearance, Screening
from screening.rules import Caution, Tier, all_cleared


@dataclass(frozen=True)
class ScreeningStatus:
    current: Screening | None  # the live result, blocked or not
    latest: Screening | None  # the newest result of any kind, to explain lapses
    clearance: Clearance | None  # the clearance that unblocks `current`, if any

    @property
    def allowed(self) -> bool:
        if self.current is None:
            return False
        if self.current.tier_enum == Tier.CLINICIAN:
            return self.clearance is not None
        return not self.current.tier_enum.blocked

    @property
    def blocked(self) -> bool:
        """A live result that stops routines (as opposed to no result at all)."""
        return self.current is not None and not self.allowed


def screening_status(user: Any, now: datetime) -> ScreeningStatus:
    if not getattr(user, "is_authenticated", False):
        return ScreeningStatus(None, None, None)
    latest = Screening.objects.for_user(user).newest_first().first()
    current = latest if latest is not None and latest.is_live(now) else None
    clearance = None
    if current is not None and current.tier_enum == Tier.CLINICIAN:
        clearance = _covering_clearance(current, now)
    return ScreeningStatus(current, latest, clearance)


def _covering_clearance(screening: Screening, now: datetime) -> Clearance | None:
    own = Clearance.objects.filter(screening=screening).first()
    if own is not None:
        return own
    since = timezone.localdate(now) - CLEARANCE_VALID_FOR
    recent = Clearance.objects.filter(
        user=screening.user, cleared_on__gte=since, screening__created_at__lt=screening.created_at
    ).select_related("screening")
    for clearance in recent:
        if all_cleared(screening.flag_set, clearance.screening.flag_set):
            return clearance
    return None


def current_screening(user: Any, now: datetime) -> Screening | None:
    """The live screening (blocking or not), or None when the person must be asked."""
    return screening_status(user, now).current


def current_cautions(user: Any) -> frozenset[Caution]:
    """Cautions of the current, non-blocking result; empty when there is none."""
    status = screening_status(user, timezone.now())
    if not status.allowed or status.current is None:
        return frozenset()
    return status.current.caution_set


def lapse_screening(user: Any, *, reason: str) -> None:
    """Make the current result lapse at once, so the next routine visit asks again.

    Every unlapsed result is marked, so no older one can become current.
    """
    Screening.objects.for_user(user).not_lapsed().update(
        lapsed_at=timezone.now(), lapse_reason=reason[:200]
    )


View = Callable[..., HttpResponse]


def screening_required(view: View) -> View:
    """Let the view run only for a person with a current, non-blocking result.

    No result, an expired or a lapsed one: redirect to the questionnaire.
    A blocking result: show its advice again (403), never the page itself.
    """

    @wraps(view)
    def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        status = screening_status(request.user, timezone.now())
        if status.allowed:
            return view(request, *args, **kwargs)
        if status.current is None:
            return _redirect(request, "screening:start")
        if getattr(request, "htmx", False) and not request.htmx.boosted:
            # A swap inside a session page: leave the page for the advice.
            return _redirect(request, "screening:result")
        context = result_context(status.current, status)
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
