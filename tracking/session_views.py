"""Guided-session views: start a session, show its current screen, answer it.

All state is on the server (``Session.position``). Every POST names the
screen it answers; anything else (a double tap, a replayed request, a second
tab) changes nothing and gets the current screen back. htmx swaps only the
step panel; without htmx every answer is a plain POST and a redirect.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from config.htmx import render_page, wants_fragment
from routines import today as routines_today
from screening.gate import screening_required
from screening.records import forget_standing, record_stop, request_standing
from screening.standing import Standing, StopKind
from tracking import session_advice as advice
from tracking import session_flow as flow

from .history import pending_aftereffect
from .models import AfterEffectCheckin, DataVersion, Session
from .session_cards import stretch_cards
from .session_forms import PAIN_ANCHORS, AfterEffectForm, AnswerForm, PainForm, StopForm

TEMPLATE = "tracking/session.html"


def _own_session(request: HttpRequest, pk: int) -> Session:
    return get_object_or_404(Session, pk=pk, user=request.user)


@login_required
@require_POST
@screening_required
def session_start(request: HttpRequest) -> HttpResponse:
    """Start today's plan, or carry on with the session already running."""
    now = timezone.now()
    sessions = Session.objects.for_user(request.user)
    sessions.close_abandoned(now)
    running = sessions.in_progress().first()
    if running is None:
        today = routines_today.today_for(request.user, timezone.localdate(now))
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
    current.close_if_abandoned(timezone.now())
    if current.is_running:
        return _gated_show(request, current)
    # Once the stretching is over (done or stopped) the last screens stay
    # reachable even though a stop has just made the screening lapse: the
    # person still gets the advice and is asked for their pain.
    return _show(request, current)


def _answer(request: HttpRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    with transaction.atomic():
        # One read of the session, locked: two POSTs for the same screen take
        # turns, and the second sees the new position and is ignored.
        sessions = Session.objects.select_for_update()
        current = get_object_or_404(sessions, pk=pk, user=request.user)
        current.close_if_abandoned(now)
        refusal = _gate_refusal(request) if current.is_running else None
        if refusal is not None:
            return refusal
        event, form = _event(current, request.POST)
        transition = flow.advance(current.state, event, current.steps) if event else None
        if transition is not None:
            current.apply(transition, now)
            _record_stop(request, transition)
    if form is not None:  # a real answer to this screen, but not a valid one
        return _show(request, current, form=form)
    if wants_fragment(request):
        return _show(request, current)
    return redirect("tracking:session", pk=current.pk)


# The screening gate, asked as a question: its own refusal (a redirect to the
# check, or the blocked page), or the marker that says "go on".
_GO_ON = HttpResponse()
_gate_probe = screening_required(lambda request: _GO_ON)


def _gate_refusal(request: HttpRequest) -> HttpResponse | None:
    response = _gate_probe(request)
    return None if response is _GO_ON else response


def _event(current: Session, data: QueryDict) -> tuple[flow.Event | None, Any]:
    """The event a POST carries, or (None, form-with-errors) for bad input on this screen."""
    parts = AnswerForm(data).event_parts()
    if parts is None or parts[0] != current.position:
        return None, None  # not an answer to the current screen: ignore it
    position, action = parts
    screen = current.screen
    if action is flow.Action.PAIN and screen in (flow.Screen.PAIN_BEFORE, flow.Screen.PAIN_AFTER):
        form = PainForm(data)
        if not form.is_valid():
            return None, form
        return flow.Event(position, action, pain=form.cleaned_data["pain"]), None
    if action is flow.Action.STOP and screen is flow.Screen.STOP_REASON:
        form = StopForm(data)
        if not form.is_valid():
            return None, form
        reason = flow.StopReason(form.cleaned_data["reason"])
        return flow.Event(position, action, reason=reason, note=form.cleaned_data["note"]), None
    return flow.Event(position, action), None


# What each stop reason does to the safety standing (kept by screening).
STOP_KINDS: dict[flow.StopReason, StopKind] = {
    flow.StopReason.SHARP_PAIN: StopKind.SYMPTOM,
    flow.StopReason.NUMBNESS: StopKind.SYMPTOM,
    flow.StopReason.CRAMP: StopKind.CRAMP,
    flow.StopReason.OTHER: StopKind.SYMPTOM,
}


def _record_stop(request: HttpRequest, transition: flow.Transition) -> None:
    for effect in transition.effects:
        if isinstance(effect, flow.RecordStop):
            label = advice.STOP_ADVICE[effect.reason].label.lower()
            now = timezone.now()
            kind = STOP_KINDS[effect.reason]
            record_stop(request.user, kind, label=label, at=now, day=timezone.localdate(now))
            forget_standing(request)


def _show(request: HttpRequest, current: Session, *, form: Any = None) -> HttpResponse:
    screen = current.screen
    context: dict[str, Any] = {
        "session": current,
        "screen": screen.value,
        "step_count": len(current.steps),
        "as_fragment": wants_fragment(request),
        "form": form,
    }
    if screen in (flow.Screen.PAIN_BEFORE, flow.Screen.PAIN_AFTER):
        context.update(_pain_context(form))
    if screen in (flow.Screen.STEP, flow.Screen.STOP_REASON):
        context.update(_step_context(current.current_step, current.cards))
    if screen is flow.Screen.STOP_REASON:
        context["form"] = form or StopForm()
    if current.status == Session.Status.STOPPED:
        context["advice"] = current.stop_signal.advice
    if screen is flow.Screen.SUMMARY:
        context.update(
            _summary_context(current), next_plan=_next_plan(request.user, request_standing(request))
        )
    context["title"] = _title(screen, current)
    return render_page(request, TEMPLATE, context, partial="session-panel")


_gated_show = screening_required(_show)


def _pain_context(form: PainForm | None) -> dict[str, Any]:
    chosen = form.data.get("pain") if form is not None else None
    return {
        "form": form or PainForm(),
        "pain_choices": [
            {"value": str(n), "anchor": PAIN_ANCHORS.get(n, ""), "checked": chosen == str(n)}
            for n in range(flow.PAIN_MIN, flow.PAIN_MAX + 1)
        ],
    }


def _step_context(step: flow.StepScreen | None, cards: dict[str, Any]) -> dict[str, Any]:
    assert step is not None
    card = cards[step.slug] if step.slug in cards else stretch_cards({step.slug}).get(step.slug)
    scale = float(getattr(settings, "LIMBER_TIMER_SCALE", 1))
    return {
        "step": step,
        "card": _with_picture_url(card or {}),
        "hold_words": advice.describe_duration(step.hold_seconds),
        "timer": {
            "ready_ms": flow.scaled_ms(flow.GET_READY_SECONDS, scale),
            "hold_ms": flow.scaled_ms(step.hold_seconds, scale),
            "rest_ms": flow.scaled_ms(step.rest_seconds, scale),
            "second_ms": flow.scaled_ms(1, scale) or 1,
            "ready_seconds": flow.GET_READY_SECONDS,
        },
        "breath": {
            "in_ms": flow.BREATH_IN_SECONDS * 1000,
            "out_ms": flow.BREATH_OUT_SECONDS * 1000,
        },
    }


def _with_picture_url(card: dict[str, Any]) -> dict[str, Any]:
    # The static URL is made when shown, so a new deployment's file names apply.
    picture = card.get("picture")
    return {**card, "picture_url": static(picture) if picture else ""}


def _summary_context(current: Session) -> dict[str, Any]:
    pains = {log.kind: log.pain for log in current.pain_logs.order_by("logged_at", "pk")}
    outcomes = [log.outcome for log in current.step_logs.all()]
    return {
        "pain_before": pains.get("before"),
        "pain_after": pains.get("after"),
        "change_words": advice.describe_change(pains.get("before"), pains.get("after")),
        "duration_words": advice.describe_duration(current.seconds_spent),
        "done_count": outcomes.count(flow.Outcome.DONE.value),
        "skipped_count": outcomes.count(flow.Outcome.SKIPPED.value),
    }


def _title(screen: flow.Screen, current: Session) -> str:
    step = current.current_step
    if step is not None:
        prefix = "Why are you stopping? " if screen is flow.Screen.STOP_REASON else ""
        return f"{prefix}{step.name}, hold {step.number} of {len(current.steps)}"
    return {
        flow.Screen.PAIN_BEFORE: "Pain before your session",
        flow.Screen.PAIN_AFTER: "Pain after your session",
        flow.Screen.SUMMARY: "Session summary",
    }.get(screen, "Session closed")


def _next_plan(user: Any, standing: Standing) -> Any:
    """What the plan does next: tomorrow's decision, which judges today's sessions.

    None while the safety check does not let the person stretch (blocked,
    lapsed after a stop, or out of date): a summary, however old, never
    speaks of a plan they may not follow.
    """
    if not standing.may_stretch:
        return None
    now = timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return routines_today.today_for(user, tomorrow, record=False)


@login_required
@require_POST
@vary_on_headers("HX-Request")
def session_aftereffect(request: HttpRequest, pk: int) -> HttpResponse:
    """Store the next-day answer once; a second answer changes nothing."""
    asked = get_object_or_404(Session.objects.finished(), pk=pk, user=request.user)
    form = AfterEffectForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            _, created = AfterEffectCheckin.objects.get_or_create(
                session=asked,
                defaults={
                    "lasted_over_2h": form.cleaned_data["lasted_over_2h"],
                    "answered_at": timezone.now(),
                },
            )
            if created:
                DataVersion.bump(request.user)
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


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("tracking:dashboard")


__all__ = ["pending_aftereffect", "session", "session_aftereffect", "session_start"]
