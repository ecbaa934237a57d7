"""Small builders for guided-session tests: a fixed plan and a stand-in for today's routine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from routines import today as routines_today
from routines.progression import PlanStep
from tracking.models import PainLog, Session

# Two holds per side of one stretch, then one two-legged stretch: 3 step
# screens, one per exercise and side, each with all its reps.
PLAN = (
    PlanStep("single-knee-to-chest", "Single knee-to-chest", "left", 20, 2, 10),
    PlanStep("single-knee-to-chest", "Single knee-to-chest", "right", 20, 2, 10),
    PlanStep("pelvic-tilt", "Pelvic tilt", "both", 15, 1, 0),
)
HOLDS = 3
NEXT_REASON = "Held at stage 1: one more good week before longer holds."


@dataclass(frozen=True)
class FakeDecision:
    stage: int
    action: str
    reasons: tuple[str, ...]

    @property
    def summary(self) -> str:
        return "Staying at stage 1."


@dataclass(frozen=True)
class FakePlan:
    steps: tuple[PlanStep, ...]

    @property
    def total_seconds(self) -> int:
        return sum(step.total_seconds for step in self.steps)


@dataclass(frozen=True)
class FakeToday:
    decision: FakeDecision
    plan: FakePlan


def install_fake_today(monkeypatch, steps=PLAN) -> list[tuple[date, bool]]:
    """Give the session views a fixed plan; returns the (day, record) calls made."""
    calls: list[tuple[date, bool]] = []

    def today_for(user, today, history, *, record=True):
        calls.append((today, record))
        return FakeToday(FakeDecision(1, "stay", (NEXT_REASON,)), FakePlan(tuple(steps)))

    # Only the session views see the fixed plan; Today's own page plans for real.
    fake = SimpleNamespace(today_for=today_for, gentle_plan_for=routines_today.gentle_plan_for)
    monkeypatch.setattr("tracking.session_views.routines_today", fake)
    monkeypatch.setattr("tracking.session_screens.routines_today", fake)
    return calls


def start_session(user, *, steps=PLAN, now: datetime | None = None, **fields) -> Session:
    session = Session.begin(user, steps, stage=1, now=now or timezone.now())
    if fields:
        Session.objects.filter(pk=session.pk).update(**fields)
        session.refresh_from_db()
    return session


def finished_session(
    user, *, started_at: datetime, before=4, after=3, status="completed"
) -> Session:
    """A session that has run its course, with its two pain logs."""
    session = Session.begin(user, PLAN, stage=1, now=started_at)
    Session.objects.filter(pk=session.pk).update(
        status=status, position=HOLDS + 2, ended_at=started_at, last_activity_at=started_at
    )
    for kind, pain in (("before", before), ("after", after)):
        if pain is not None:
            PainLog.objects.create(
                user=user, pain=pain, kind=kind, session=session, logged_at=started_at
            )
    session.refresh_from_db()
    return session


def url(session: Session) -> str:
    return reverse("tracking:session", args=[session.pk])


def answer(client, session: Session, position, action, **data):
    """POST one answer to a session screen, as its form would."""
    return client.post(url(session), {"position": position, "action": action, **data})


def at_step(session: Session, position: int, **fields) -> Session:
    """The session moved to a step screen, optionally asking a question or paused."""
    Session.objects.filter(pk=session.pk).update(position=position, **fields)
    session.refresh_from_db()
    return session
