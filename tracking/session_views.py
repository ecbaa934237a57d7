"""Guided-session views: start a session, show its current screen, answer it.

All state is on the server (``Session.position``). Every POST names the
screen it answers; anything else (a double tap, a replayed request, a second
tab) changes nothing and gets the current screen back. htmx swaps only the
step panel; without htmx every answer is a plain POST and a redirect.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from config.htmx import render_page, wants_fragment
from routines import today as routines_today
from screening.gate import screening_required
from screening.records import forget_standing, record_stop, request_standing_and
from tracking import session_advice as advice
from tracking import session_flow as flow

from . import session_screens as screens
from .history import history_for, pending_aftereffect
from .models import AfterEffectCheckin, Session, WalkLog
from .session_cards import stretch_cards
from .session_forms import (
    AfterEffectForm,
    SkipForm,
)

log = logging.getLogger(__name__)


def _own_session(request: HttpRequest, pk: int) -> Session:
    return get_object_or_404(Session, pk=pk, user=request.user)


@login_required
@require_POST
@screening_required
def session_start(request: HttpRequest) -> HttpResponse:
    """Start today's plan, or carry on with the session already running today."""
    now = timezone.now()
    sessions = Session.objects.for_user(request.user)
    sessions.close_unfinished(timezone.localdate(now))
    running = sessions.in_progress().first()
    if running is None:
        day = timezone.localdate(now)
        today = routines_today.today_for(request.user, day, history_for(request.user, day))
        try:
            with transaction.atomic():
                running = Session.begin(
                    request.user, today.plan.steps, stage=today.decision.stage, now=now
                )
        except IntegrityError:  # another tab started one a moment ago
            running = sessions.in_progress().get()
    return redirect("tracking:session", pk=running.pk)


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def session(request: HttpRequest, pk: int) -> HttpResponse:
    """The current screen of one session, whatever it is."""
    if request.method == "POST":
        return _answer(request, pk)
    current = _own_session(request, pk)
    now = timezone.now()
    current.left_unfinished(timezone.localdate(now))  # shown as closed; stored by the next POST
    if current.is_running and not _resting(current, now):
        return screens.gated_show(request, current)
    # Once the stretching is over (done or stopped) the last screens stay
    # reachable even though a stop has just changed the safety standing: the
    # person still gets the advice and may give their pain. Resting after a
    # cramp, the session says when the person may carry on.
    return screens.show(request, current)


def _answer(request: HttpRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    # One read of the session, with the safety standing the answer is checked
    # against. Not locked: the write stores the answer only while the session
    # still is where this read found it, so of two POSTs for the same screen
    # one moves the session on and the other changes nothing (Session.Moved).
    _, row = request_standing_and(request, Session.objects.answer_read(pk, request.user))
    current = Session.objects.from_row(row)
    if current is None:
        raise Http404("No such session.")
    if current.left_unfinished(timezone.localdate(now)):
        current.save_closed()
    gated = current.is_running and not _resting(current, now)
    refusal = _gate_refusal(request) if gated else None
    if refusal is not None:
        log.info("session %s: answer refused, the safety standing does not allow it", pk)
        return refusal
    event, form = _event(request, current, now)
    if form is not None:  # a real answer to this screen, but not a valid one
        return screens.show(request, current, form=form)
    transition = flow.advance(current.state, event, current.steps) if event else None
    if transition is None:
        if event is not None:
            log.info(
                "session %s: answer %r at screen %s refused (%s); nothing stored",
                current.pk,
                event.action.value,
                event.position,
                current.status,
            )
        return _after(request, current)
    try:
        if Session.stored_in_one_write(transition):
            # A step, a pause, a question: the next screen is drawn first and the
            # answer stored last, in one write, so an answer refused with a 503
            # (the database lost while drawing) is never one that was stored.
            taken = current.answer(transition, now)
            response = _after(request, current)
            current.store(taken)
            return response
        with transaction.atomic():
            current.apply(transition, now)
            _record_stop(request, transition, now)
            if _starts_in_high_pain(current, event):
                day = timezone.localdate(now)
                gentle = routines_today.gentle_plan_for(
                    request.user, day, history_for(request.user, day)
                )
                current.ease(gentle.steps, stretch_cards({step.slug for step in gentle.steps}))
            # Drawn inside the transaction, for the same reason.
            return _after(request, current)
    except Session.Moved:
        log.info(
            "session %s: answer %r at screen %s came after another; nothing stored",
            current.pk,
            event.action.value,
            event.position,
        )
        return _after(request, _own_session(request, pk))


def _after(request: HttpRequest, current: Session) -> HttpResponse:
    """What an answer gets back: the session's screen for htmx, else a redirect to it."""
    if wants_fragment(request):
        return screens.show(request, current)
    return redirect("tracking:session", pk=current.pk)


def _starts_in_high_pain(current: Session, event: flow.Event | None) -> bool:
    return (
        event is not None
        and event.position == 0
        and event.action is flow.Action.PAIN
        and event.pain is not None
        and event.pain >= screens.HIGH_PAIN_BEFORE
        and current.position == 1
    )


# The screening gate, asked as a question: its own refusal (a redirect to the
# check, or the blocked page), or the marker that says "go on".
_GO_ON = HttpResponse()
_gate_probe = screening_required(lambda request: _GO_ON)


def _gate_refusal(request: HttpRequest) -> HttpResponse | None:
    response = _gate_probe(request)
    return None if response is _GO_ON else response


def _event(request: HttpRequest, current: Session, now: datetime) -> tuple[flow.Event | None, Any]:
    """The event a POST carries, or (None, form-with-errors) for bad input on this screen."""
    data = request.POST
    parts = flow.read_answer(data.get("position", ""), data.get("action", ""))
    if parts is None or parts[0] != current.position:
        # Not an answer to the current screen (a double tap, a late or corrupted
        # replay from a phone that was offline): nothing is stored, and it is logged.
        log.info(
            "session %s: answer %r for screen %r ignored; the session is at screen %s (%s)",
            current.pk,
            data.get("action", ""),
            data.get("position", ""),
            current.position,
            current.status,
        )
        return None, None
    position, action = parts
    screen = current.screen
    if action is flow.Action.PAIN and screen in (flow.Screen.PAIN_BEFORE, flow.Screen.PAIN_AFTER):
        form = screens.pain_form(current, data)
        if not form.is_valid():
            return None, form
        return flow.Event(position, action, pain=form.cleaned_data["pain"]), None
    if action is flow.Action.STOP and screen in (
        flow.Screen.STOP_REASON,
        flow.Screen.BODY_QUESTION,
    ):
        stop = screens.stop_form(request, data)
        return (stop.event(position), None) if stop.is_valid() else (None, stop)
    if action is flow.Action.SKIP and screen is flow.Screen.SKIP_REASON:
        skip = SkipForm(data)
        yes = skip.cleaned_data["because_of_pain"] if skip.is_valid() else None
        return flow.Event(position, action, yes=yes), None
    if action is flow.Action.DONE:
        held = _held_on_the_phone(data)
        if held is None:
            held = current.held_seconds(now, screens.timer_scale())
        return flow.Event(position, action, held_seconds=held), None
    if action is flow.Action.RESUME and screen is flow.Screen.RESTING:
        return flow.Event(position, action, rested=not _resting(current, now)), None
    return flow.Event(position, action), None


# A day, in timer seconds: longer is not a hold but a mistake, and is ignored.
HELD_MAX = 24 * 60 * 60


def _held_on_the_phone(data: QueryDict) -> float | None:
    """How long the step was held, as timed on the phone ("held", in timer seconds).

    An answer given without signal reaches the server later, all at once: the
    server's own clock would call every such hold cut short. The phone's time is
    the person's own account, like pressing Done; anything unreadable is ignored.
    """
    try:
        held = float(data.get("held", ""))
    except ValueError:
        return None
    return held if 0 <= held <= HELD_MAX else None


def _record_stop(request: HttpRequest, transition: flow.Transition, now: datetime) -> None:
    """Write a symptom stop into the safety standing, as the stop table says."""
    for effect in transition.effects:
        if isinstance(effect, flow.RecordStop):
            rule = advice.stop_rule(effect.reason, pregnant=screens.pregnant(request))
            if rule is None or rule.kind is None:
                continue  # not a stop signal (the flow turns those into a pause)
            day = timezone.localdate(now)
            record_stop(request.user, rule.kind, label=rule.label, at=now, day=day)
            forget_standing(request)


def _resting(current: Session, now: datetime) -> bool:
    """Still within the rest after a cramp: the safety gate's wait is this screen's to say."""
    ends = screens.rest_ends(current)
    return ends is not None and now < ends


@login_required
@require_POST
def walk(request: HttpRequest) -> HttpResponse:
    """ "I walked today": stored once per local day, whatever the network repeats."""
    now = timezone.now()
    try:
        with transaction.atomic():
            WalkLog.objects.get_or_create(
                user=request.user, day=timezone.localdate(now), defaults={"created_at": now}
            )
    except IntegrityError:  # the same tick from a second tab a moment ago
        pass
    if wants_fragment(request):
        return render(request, "tracking/session_walk.html#walk-tick", {"walk": {"walked": True}})
    return redirect(_next_url(request, default="tracking:today"))


@login_required
@require_POST
@vary_on_headers("HX-Request")
def session_aftereffect(request: HttpRequest, pk: int) -> HttpResponse:
    """Store the next-day answer once; a second answer changes nothing."""
    asked = get_object_or_404(Session.objects.finished(), pk=pk, user=request.user)
    form = AfterEffectForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            AfterEffectCheckin.objects.get_or_create(
                session=asked,
                defaults={
                    "lasted_over_2h": form.cleaned_data["lasted_over_2h"],
                    "answered_at": timezone.now(),
                },
            )
    context = {
        "aftereffect_session": asked,
        "aftereffect_form": form,
        "aftereffect_next": _next_url(request),  # kept when the question is asked again
        "answered": form.is_valid(),
    }
    if wants_fragment(request) or not form.is_valid():
        return render_page(
            request, "tracking/session_aftereffect_page.html", context, partial="aftereffect"
        )
    return redirect(_next_url(request))


def _next_url(request: HttpRequest, default: str = "tracking:dashboard") -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(default)


__all__ = ["pending_aftereffect", "session", "session_aftereffect", "session_start", "walk"]
