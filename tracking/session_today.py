"""What Today shows from the session records: resume a running session, tick the walk."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from config.time_zones import local_day, start_of_day
from tracking import session_flow as flow
from tracking.forms import is_morning
from tracking.history import pending_aftereffect, user_zone
from tracking.log_writes import issue_once
from tracking.peg_trend import peg_due

from .models import PAIN_MAX, PAIN_MIN, PainLog, PegCheckin, Session, WalkLog


@dataclass(frozen=True)
class SessionTasks:
    """Today's session tasks and the day's small tasks, for the top of Today.

    ``resume_url`` is set while a session started today is still running:
    Today offers "Resume your session" (a POST with ``resume_position`` when
    it is paused, else a link) instead of "Start today's session".
    """

    resume_url: str = ""
    resume_label: str = ""  # "hold 5 of 12"
    resume_position: int | None = None  # set when resuming is a POST (a paused session)
    walk_url: str = ""  # where "I walked today" posts
    walked: bool = False
    log_url: str = ""  # where the one-tap pain score posts
    morning: bool = True  # before noon the score is this morning's, else "now"
    morning_pain: int | None = None  # today's own score, once logged
    pain_scale: tuple[int, ...] = ()  # the one-tap scores
    aftereffect_session: Any = None  # the session the next-day question asks about
    checkin_url: str = ""  # the weekly check-in, when it is due
    once: str = ""  # makes a double-tapped score one log (tracking.log_writes)


def session_tasks(user: Any, today: date) -> SessionTasks:
    """A few small reads; no writes (Today is a GET).

    A session left from an earlier day is not offered: it closes as "not
    finished", and Today offers a fresh start.
    """
    zone = user_zone(user)
    tasks = SessionTasks(
        walk_url=reverse("tracking:walk"),
        walked=WalkLog.objects.filter(user=user, day=today).exists(),
        log_url=reverse("tracking:log"),
        morning=is_morning(timezone.localtime(timezone.now(), zone)),
        morning_pain=_morning_pain(user, today, zone),
        pain_scale=tuple(range(PAIN_MIN, PAIN_MAX + 1)),
        aftereffect_session=pending_aftereffect(user, today, zone),
        checkin_url=reverse("tracking:peg") if _checkin_due(user, today, zone) else "",
        once=issue_once(timezone.now()),
    )
    running = Session.objects.for_user(user).running_on(today).first()
    if running is None:
        return tasks
    return replace(
        tasks,
        resume_url=running.get_absolute_url(),
        resume_label=_where(running),
        resume_position=running.position if running.screen in _RESUMED_BY_POST else None,
    )


def _morning_pain(user: Any, today: date, zone: Any) -> int | None:
    """Today's own score: the morning log, or after noon any score logged on its own."""
    start = start_of_day(today, zone)
    return (
        PainLog.objects.filter(
            user=user,
            kind__in=(PainLog.Kind.MORNING, PainLog.Kind.OTHER),
            logged_at__gte=start,
            logged_at__lt=start + timedelta(days=1),
        )
        .order_by("-logged_at")
        .values_list("pain", flat=True)
        .first()
    )


def _checkin_due(user: Any, today: date, zone: Any) -> bool:
    last = PegCheckin.objects.for_user(user).values_list("checked_at", flat=True).first()
    return peg_due(local_day(last, zone) if last else None, today)


# Paused, or resting after a cramp (Today is only shown once that rest is over).
_RESUMED_BY_POST = frozenset({flow.Screen.PAUSED, flow.Screen.RESTING})


def _where(running: Session) -> str:
    step = running.current_step
    if step is not None:
        return f"hold {step.number} of {len(running.steps)}"
    return "pain check"
