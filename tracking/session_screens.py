"""What each screen of a guided session shows: the context its template draws.

The views (``tracking.session_views``) decide what an answer does; this
module draws the screen that follows, the full page's offline plan
(``static/js/offline.js``) and the summary. Nothing here writes.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.html import json_script

from config.fixed_urls import fixed_static, fixed_url_with
from config.htmx import render_page, wants_fragment
from routines import today as routines_today
from routines.stages import DEFAULT_THRESHOLDS
from screening.gate import screening_required
from screening.records import request_standing
from screening.rules import Caution
from screening.standing import CRAMP_REST
from tracking import session_advice as advice
from tracking import session_flow as flow

from .history import history_for
from .models import PainLog, Session, WalkLog
from .session_cards import stretch_cards
from .session_forms import (
    PAIN_ANCHORS,
    PAIN_MESSAGE,
    OptionalPainForm,
    PainForm,
    StopForm,
)

TEMPLATE = "tracking/session.html"


# Pain before a session this high makes it the gentle one (the flare day's plan).
HIGH_PAIN_BEFORE = DEFAULT_THRESHOLDS.flare_pain


def pregnant(request: HttpRequest) -> bool:
    return Caution.PREGNANCY in request_standing(request).cautions


def stop_form(request: HttpRequest, data: QueryDict | None = None) -> StopForm:
    return StopForm(data, reasons=advice.stop_reasons(pregnant=pregnant(request)))


def pain_form(current: Session, data: QueryDict | None = None) -> PainForm:
    # After a stop nobody has to rate their pain to leave.
    optional = current.status == Session.Status.STOPPED
    return OptionalPainForm(data) if optional else PainForm(data)


def rest_ends(current: Session) -> datetime | None:
    """When a session resting after a cramp may carry on; None when it is not resting."""
    if current.screen is not flow.Screen.RESTING:
        return None
    return current.stop_signal.created_at + CRAMP_REST


def timer_scale() -> float:
    return float(getattr(settings, "LIMBER_TIMER_SCALE", 1))


def show(request: HttpRequest, current: Session, *, form: Any = None) -> HttpResponse:
    screen = current.screen
    context: dict[str, Any] = {
        "session": current,
        "session_url": fixed_url_with("tracking:session", current.pk),
        # When the server drew this screen, in whole seconds (data-at, for replay.js).
        "drawn_at": int(timezone.now().timestamp()),
        "screen": screen.value,
        "step_count": len(current.steps),
        "as_fragment": wants_fragment(request),
        "form": form,
    }
    if screen in (flow.Screen.PAIN_BEFORE, flow.Screen.PAIN_AFTER):
        context.update(_pain_context(form or pain_form(current)))
    if screen in flow.STEP_SCREENS:
        context.update(_step_context(current))
    if screen in (flow.Screen.STOP_REASON, flow.Screen.BODY_QUESTION):
        context["form"] = form or stop_form(request)
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


gated_show = screening_required(show)


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
    scale = timer_scale()
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
    # The static URL is made when shown (once per process), so a new deployment's
    # file names apply.
    picture = card.get("picture")
    return {**card, "picture_url": fixed_static(picture) if picture else ""}


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
    reasons = (*advice.stop_reasons(pregnant=pregnant(request)), flow.StopReason.UNSAID)
    return {
        "plan": json_script(plan, "offline-session", encoder=_CompactJSON),
        "step": _sample_step(current, sample) if sample else None,
        "stop_form": stop_form(request),
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
    scale = timer_scale()
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
        "url": fixed_url_with("tracking:session", current.pk),
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
    ends = rest_ends(current)
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
        "ms": flow.scaled_ms(seconds, timer_scale()),
        "second_ms": flow.scaled_ms(1, timer_scale()) or 1,
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
