"""What Today shows from the session records: resume a running session, tick the walk."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from config.time_zones import local_day, start_of_day
from routines.today import SessionTasks
from tracking import session_flow as flow
from tracking.forms import is_morning
from tracking.history import pending_aftereffect, user_zone
from tracking.peg_trend import peg_due

from .models import PAIN_MAX, PAIN_MIN, PainLog, PegCheckin, Session, WalkLog


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
