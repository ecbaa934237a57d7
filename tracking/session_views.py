"""Guided-session views: start a session, show its current screen, answer it.

All state is on the server (``Session.position``). Every POST names the
screen it answers; anything else (a double tap, a replayed request, a second
tab) changes nothing and gets the current screen back. htmx swaps only the
step panel; without htmx every answer is a plain POST and a redirect.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import json_script
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from config.htmx import render_page, wants_fragment
from routines import today as routines_today
from routines.stages import DEFAULT_THRESHOLDS
from screening.gate import screening_required
from screening.records import forget_standing, record_stop, request_standing
from screening.rules import Caution
from screening.standing import CRAMP_REST
from tracking import session_advice as advice
from tracking import session_flow as flow

from .history import history_for, pending_aftereffect
from .models import AfterEffectCheckin, DataVersion, PainLog, Session, WalkLog
from .session_cards import stretch_cards
from .session_forms import (
    PAIN_ANCHORS,
    PAIN_MESSAGE,
    AfterEffectForm,
    AnswerForm,
    OptionalPainForm,
    PainForm,
    SkipForm,
    StopForm,
)

TEMPLATE = "tracking/session.html"
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
        return _gated_show(request, current)
    # Once the stretching is over (done or stopped) the last screens stay
    # reachable even though a stop has just changed the safety standing: the
    # person still gets the advice and may give their pain. Resting after a
    # cramp, the session says when the person may carry on.
    return _show(request, current)


def _answer(request: HttpRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    with transaction.atomic():
        # One read of the session, locked: two POSTs for the same screen take
        # turns, and the second sees the new position and is ignored.
        sessions = Session.objects.select_for_update()
        current = get_object_or_404(sessions, pk=pk, user=request.user)
        if current.left_unfinished(timezone.localdate(now)):
            current.save_closed()
        gated = current.is_running and not _resting(current, now)
        refusal = _gate_refusal(request) if gated else None
        if refusal is not None:
            log.info("session %s: answer refused, the safety standing does not allow it", pk)
            return refusal
        event, form = _event(request, current, now)
        transition = flow.advance(current.state, event, current.steps) if event else None
        if event is not None and transition is None:
            log.info(
                "session %s: answer %r at screen %s refused (%s); nothing stored",
                current.pk,
                event.action.value,
                event.position,
                current.status,
            )
        if transition is not None:
            current.apply(transition, now)
            _record_stop(request, transition, now)
            if _starts_in_high_pain(current, event):
                day = timezone.localdate(now)
                gentle = routines_today.gentle_plan_for(
                    request.user, day, history_for(request.user, day)
                )
                current.ease(gentle.steps, stretch_cards({step.slug for step in gentle.steps}))
        # The next screen is drawn inside the transaction: if the database is
        # lost while drawing it, the answer is rolled back with the 503, so a
        # refused answer is never one that was stored.
        if form is not None:  # a real answer to this screen, but not a valid one
            return _show(request, current, form=form)
        if wants_fragment(request):
            return _show(request, current)
    return redirect("tracking:session", pk=current.pk)


# Pain before a session this high makes it the gentle one (the flare day's plan).
HIGH_PAIN_BEFORE = DEFAULT_THRESHOLDS.flare_pain


def _starts_in_high_pain(current: Session, event: flow.Event | None) -> bool:
    return (
        event is not None
        and event.position == 0
        and event.action is flow.Action.PAIN
        and event.pain is not None
        and event.pain >= HIGH_PAIN_BEFORE
        and current.position == 1
    )


# The screening gate, asked as a question: its own refusal (a redirect to the
# check, or the blocked page), or the marker that says "go on".
_GO_ON = HttpResponse()
_gate_probe = screening_required(lambda request: _GO_ON)


def _gate_refusal(request: HttpRequest) -> HttpResponse | None:
    response = _gate_probe(request)
    return None if response is _GO_ON else response


def _pregnant(request: HttpRequest) -> bool:
    return Caution.PREGNANCY in request_standing(request).cautions


def _stop_form(request: HttpRequest, data: QueryDict | None = None) -> StopForm:
    return StopForm(data, reasons=advice.stop_reasons(pregnant=_pregnant(request)))


def _event(request: HttpRequest, current: Session, now: datetime) -> tuple[flow.Event | None, Any]:
    """The event a POST carries, or (None, form-with-errors) for bad input on this screen."""
    data = request.POST
    parts = AnswerForm(data).event_parts()
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
        form = _pain_form(current, data)
        if not form.is_valid():
            return None, form
        return flow.Event(position, action, pain=form.cleaned_data["pain"]), None
    if action is flow.Action.STOP and screen in (
        flow.Screen.STOP_REASON,
        flow.Screen.BODY_QUESTION,
    ):
        stop = _stop_form(request, data)
        return (stop.event(position), None) if stop.is_valid() else (None, stop)
    if action is flow.Action.SKIP and screen is flow.Screen.SKIP_REASON:
        skip = SkipForm(data)
        yes = skip.cleaned_data["because_of_pain"] if skip.is_valid() else None
        return flow.Event(position, action, yes=yes), None
    if action is flow.Action.DONE:
        held = _held_on_the_phone(data)
        if held is None:
            held = current.held_seconds(now, _timer_scale())
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


def _pain_form(current: Session, data: QueryDict | None = None) -> PainForm:
    # After a stop nobody has to rate their pain to leave.
    optional = current.status == Session.Status.STOPPED
    return OptionalPainForm(data) if optional else PainForm(data)


def _record_stop(request: HttpRequest, transition: flow.Transition, now: datetime) -> None:
    """Write a symptom stop into the safety standing, as the stop table says."""
    for effect in transition.effects:
        if isinstance(effect, flow.RecordStop):
            rule = advice.stop_rule(effect.reason, pregnant=_pregnant(request))
            if rule is None or rule.kind is None:
                continue  # not a stop signal (the flow turns those into a pause)
            day = timezone.localdate(now)
            record_stop(request.user, rule.kind, label=rule.label, at=now, day=day)
            forget_standing(request)


def _rest_ends(current: Session) -> datetime | None:
    """When a session resting after a cramp may carry on; None when it is not resting."""
    if current.screen is not flow.Screen.RESTING:
        return None
    return current.stop_signal.created_at + CRAMP_REST


def _resting(current: Session, now: datetime) -> bool:
    """Still within the rest after a cramp: the safety gate's wait is this screen's to say."""
    ends = _rest_ends(current)
    return ends is not None and now < ends


def _timer_scale() -> float:
    return float(getattr(settings, "LIMBER_TIMER_SCALE", 1))


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
        context.update(_pain_context(form or _pain_form(current)))
    if screen in flow.STEP_SCREENS:
        context.update(_step_context(current))
    if screen in (flow.Screen.STOP_REASON, flow.Screen.BODY_QUESTION):
        context["form"] = form or _stop_form(request)
    if screen is flow.Screen.PAIN_AFTER and current.status == Session.Status.STOPPED:
        context.update(_stop_context(current))
    if screen is flow.Screen.RESTING:
        context.update(_rest_context(current))
    if screen is flow.Screen.SUMMARY:
        context.update(_summary_context(request, current))
    if screen in flow.STEP_SCREENS and current.position == 1:
        context["eased"] = _eased_words(current)
    context["title"] = _title(screen, current)
    context["offline"] = offline_context(request, current)
    return render_page(request, TEMPLATE, context, partial="session-panel")


_gated_show = screening_required(_show)


def _eased_words(current: Session) -> str:
    """One line on the first stretch of a session started in high pain."""
    before = (
        PainLog.objects.filter(session=current, kind=PainLog.Kind.BEFORE)
        .values_list("pain", flat=True)
        .first()
    )
    if before is None or before < HIGH_PAIN_BEFORE:
        return ""
    return (
        f"Your pain is {before} out of 10, so this session is the gentle one: the gentlest "
        "stretches and the shortest holds. Stop if anything makes it worse."
    )


def _pain_context(form: PainForm) -> dict[str, Any]:
    chosen = form.data.get("pain") if form.is_bound else None
    return {
        "form": form,
        "pain_choices": [
            {"value": str(n), "anchor": PAIN_ANCHORS.get(n, ""), "checked": chosen == str(n)}
            for n in range(flow.PAIN_MIN, flow.PAIN_MAX + 1)
        ],
    }


def _step_context(current: Session, step: flow.StepScreen | None = None) -> dict[str, Any]:
    step = step or current.current_step
    if step is None:
        raise LookupError("this session has no step to show")
    cards = current.cards
    card = cards[step.slug] if step.slug in cards else stretch_cards({step.slug}).get(step.slug)
    scale = _timer_scale()
    return {
        "step": step,
        "next_up": _next_up(current, step),
        "card": _with_picture_url(card or {}),
        "timer": {
            "ready_ms": flow.scaled_ms(step.ready_seconds, scale),
            "hold_ms": flow.scaled_ms(step.hold_seconds, scale),
            "rest_ms": flow.scaled_ms(step.rest_seconds, scale),
            "second_ms": flow.scaled_ms(1, scale) or 1,
            "ready_clock": advice.clock(step.ready_seconds or step.hold_seconds),
        },
        "breath": {
            "in_ms": flow.BREATH_IN_SECONDS * 1000,
            "out_ms": flow.BREATH_OUT_SECONDS * 1000,
        },
    }


def _next_up(current: Session, step: flow.StepScreen) -> dict[str, Any] | None:
    """The "next up" preview of a step screen: the next step's name, side and picture."""
    steps = current.steps
    coming = steps[step.number] if step.number < len(steps) else None
    if coming is None:
        return None
    card = current.cards.get(coming.slug) or {}
    return {
        "name": coming.name,
        "side_label": coming.side_label,
        "mirrored": coming.side == "left",
        "switch": coming.slug == step.slug and coming.side != step.side,
        "picture_url": _with_picture_url(card)["picture_url"],
    }


def _with_picture_url(card: dict[str, Any]) -> dict[str, Any]:
    # The static URL is made when shown, so a new deployment's file names apply.
    picture = card.get("picture")
    return {**card, "picture_url": static(picture) if picture else ""}


class _CompactJSON(DjangoJSONEncoder):
    """No spaces after separators: the plan rides along with every full session page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "separators": (",", ":")})


def offline_context(request: HttpRequest, current: Session) -> dict[str, Any]:
    """What a full session page carries to go on without the network.

    The rest of the plan frozen at the start (one entry per step screen, its
    timer in ms and its picture), the advice for each stop reason, and one
    drawn example of each screen the page may have to show by itself
    (static/js/offline.js). Nothing once the session is over.
    """
    if wants_fragment(request) or current.screen in (flow.Screen.SUMMARY, flow.Screen.CLOSED):
        return {}
    steps = current.steps
    rest = steps[max(1, current.position) - 1 :]
    plan = _offline_plan(request, current, rest)
    # A step with a "next up" makes the best example: every hook is in it.
    sample = next((s for s in rest if s.number < len(steps)), rest[0] if rest else None)
    plan["sample"] = sample.number if sample else 0
    reasons = (*advice.stop_reasons(pregnant=_pregnant(request)), flow.StopReason.UNSAID)
    return {
        "plan": json_script(plan, "offline-session", encoder=_CompactJSON),
        "step": _sample_step(current, sample) if sample else None,
        "stop_form": _stop_form(request),
        "pain": _pain_context(PainForm()),
        "cramp": {
            "advice": advice.STOP_ADVICE[flow.StopReason.CRAMP],
            "ends": timezone.now() + CRAMP_REST,
            "left": advice.clock(CRAMP_REST.total_seconds()),
        },
        "stops": [
            {
                "reason": reason.value,
                "advice": advice.STOP_ADVICE[reason],
                "next_words": advice.NEXT_WORDS[advice.STOP_RULES[reason].same_day],
            }
            for reason in reasons
        ],
    }


def _offline_plan(
    request: HttpRequest, current: Session, rest: tuple[flow.StepScreen, ...]
) -> dict[str, Any]:
    """The rest of the frozen plan as data. Words many steps share (a stretch's
    name and card, a side, the hold's description) are sent once."""
    scale = _timer_scale()
    words: dict[tuple[str, str, str], int] = {}
    steps = [
        {
            "number": s.number,
            "slug": s.slug,
            "side": s.side,
            "reps": s.reps,
            "readyMs": flow.scaled_ms(s.ready_seconds, scale),
            "holdMs": flow.scaled_ms(s.hold_seconds, scale),
            "restMs": flow.scaled_ms(s.rest_seconds, scale),
            "words": words.setdefault(
                (s.reps_label, s.instructions, advice.clock(s.ready_seconds or s.hold_seconds)),
                len(words),
            ),
        }
        for s in rest
    ]
    names = {s.slug: s.name for s in rest}
    cards = {slug: _with_picture_url(current.cards.get(slug) or {}) for slug in names}
    return {
        "url": reverse("tracking:session", args=[current.pk]),
        "user": request.user.pk,
        "count": len(current.steps),
        "secondMs": flow.scaled_ms(1, scale) or 1,
        "restMs": round(CRAMP_REST.total_seconds() * 1000),
        "painMessage": PAIN_MESSAGE,
        "sides": flow.SIDE_LABELS,
        "words": [
            {"repsLabel": reps, "instructions": how, "readyClock": ready}
            for reps, how, ready in words
        ],
        "steps": steps,
        "cards": {
            slug: {
                "name": names[slug],
                "picture": card["picture_url"],
                "alt": card.get("picture_alt", ""),
                "steps": list(card.get("steps", ())),
                "breathing": card.get("breathing_cue", ""),
            }
            for slug, card in cards.items()
        },
    }


def _sample_step(current: Session, step: flow.StepScreen) -> dict[str, Any]:
    """A step screen to draw the others from: the page fills in each step's own lines."""
    context = _step_context(current, step)
    card = context["card"]
    context["card"] = {**card, "steps": card.get("steps", ())[:1]}
    return context


def _stop_context(current: Session) -> dict[str, Any]:
    """What to do now after a stop, and what it means for the next session: said once, here."""
    signal = current.stop_signal
    rule = advice.STOP_RULES[flow.StopReason(signal.reason)]
    return {"advice": signal.advice, "next_words": advice.NEXT_WORDS[rule.same_day]}


def _rest_context(current: Session) -> dict[str, Any]:
    """After a cramp: what to do now, and when the person may carry on (a clock and a count)."""
    ends = _rest_ends(current)
    if ends is None:
        raise LookupError("this session is not resting")
    left = (ends - timezone.now()).total_seconds()
    return {
        "advice": current.stop_signal.advice,
        "rest_ends": ends,
        "rest_left": advice.clock(math.ceil(left)) if left > 0 else "",
    }


def _summary_context(request: HttpRequest, current: Session) -> dict[str, Any]:
    pains = {log.kind: log.pain for log in current.pain_logs.order_by("logged_at", "pk")}
    logs = list(current.step_logs.all())
    done = [log for log in logs if log.outcome == flow.Outcome.DONE.value]
    skipped = len(logs) - len(done)
    cut_short = sum(log.cut_short for log in done)
    completed = current.status == Session.Status.COMPLETED
    return {
        "pain_before": pains.get("before"),
        "pain_after": pains.get("after"),
        "change_words": advice.describe_change(pains.get("before"), pains.get("after")),
        "time_words": advice.describe_minutes(current.seconds_spent),
        "holds_words": advice.describe_holds(len(done), cut_short, skipped),
        "stopped_words": current.stop_signal.words if not completed else "",
        "next_words": _next_words(request),
        "walk": walk_context(request, current.walk_seconds) if completed else None,
    }


def walk_context(request: HttpRequest, seconds: int) -> dict[str, Any] | None:
    """The walk after a session: its length, a timer hook, and today's tick."""
    if seconds <= 0:
        return None
    today = timezone.localdate()
    return {
        "minutes": round(seconds / 60),
        "clock": advice.clock(seconds),
        "ms": flow.scaled_ms(seconds, _timer_scale()),
        "second_ms": flow.scaled_ms(1, _timer_scale()) or 1,
        "walked": WalkLog.objects.filter(user=request.user, day=today).exists(),
    }


def _title(screen: flow.Screen, current: Session) -> str:
    step = current.current_step
    if step is not None:
        prefix = {
            flow.Screen.STOP_REASON: "Stopped. ",
            flow.Screen.BODY_QUESTION: "Stopped. ",
            flow.Screen.SKIP_REASON: "Skip this stretch? ",
            flow.Screen.PAUSED: "Paused. ",
            flow.Screen.RESTING: "Resting. ",
        }.get(screen, "")
        return f"{prefix}{step.name}, hold {step.number} of {len(current.steps)}"
    return {
        flow.Screen.PAIN_BEFORE: "Pain before your session",
        flow.Screen.PAIN_AFTER: "Pain after your session",
        flow.Screen.SUMMARY: "Session summary",
    }.get(screen, "Session closed")


def _next_words(request: HttpRequest) -> tuple[str, ...]:
    """What the plan does next and why, each sentence once.

    Tomorrow's decision, which judges today's sessions. Nothing while the
    safety check does not let the person stretch (blocked, resting after a
    stop, or out of date): a summary, however old, never speaks of a plan
    they may not follow.
    """
    if not request_standing(request).may_stretch:
        return ()
    tomorrow = timezone.localdate() + timedelta(days=1)
    history = history_for(request.user, tomorrow)
    decision = routines_today.today_for(request.user, tomorrow, history, record=False).decision
    return tuple(decision.reasons) or (decision.summary,)


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


def _next_url(request: HttpRequest, default: str = "tracking:dashboard") -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(default)


__all__ = ["pending_aftereffect", "session", "session_aftereffect", "session_start", "walk"]
