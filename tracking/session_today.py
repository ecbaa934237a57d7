"""What Today shows from the session records: resume a running session, tick the walk."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from routines.today import SessionTasks
from tracking import session_flow as flow

from .models import Session, WalkLog


def session_tasks(user: Any, today: date) -> SessionTasks:
    """Two small reads; no writes (Today is a GET).

    A session left from an earlier day is not offered: it closes as "not
    finished", and Today offers a fresh start.
    """
    walked = WalkLog.objects.filter(user=user, day=today).exists()
    walk_url = reverse("tracking:walk")
    running = Session.objects.for_user(user).running_on(today).first()
    if running is None:
        return SessionTasks(walk_url=walk_url, walked=walked)
    return SessionTasks(
        resume_url=running.get_absolute_url(),
        resume_label=_where(running),
        resume_position=running.position if running.screen in _RESUMED_BY_POST else None,
        walk_url=walk_url,
        walked=walked,
    )


# Paused, or resting after a cramp (Today is only shown once that rest is over).
_RESUMED_BY_POST = frozenset({flow.Screen.PAUSED, flow.Screen.RESTING})


def _where(running: Session) -> str:
    step = running.current_step
    if step is not None:
        return f"hold {step.number} of {len(running.steps)}"
    return "pain check"
