"""Guided sessions: the server-side state of one stretching session and what it recorded.

The flow itself (which screen comes next, what a POST may change) is the pure
state machine in ``tracking.session_flow``; these models store its state and
apply the effects it returns.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from tracking import session_flow as flow
from tracking.session_advice import STOP_ADVICE, StopAdvice
from tracking.session_cards import stretch_cards

from .logs import PainLog
from .versions import DataVersion

__all__ = [
    "AfterEffectCheckin",
    "Session",
    "SessionQuerySet",
    "SessionStep",
    "StopSignal",
]

NOTE_MAX = 500


class SessionQuerySet(models.QuerySet["Session"]):
    def for_user(self, user: object) -> SessionQuerySet:
        return self.filter(user=user)

    def in_progress(self) -> SessionQuerySet:
        return self.filter(status=Session.Status.IN_PROGRESS)

    def finished(self) -> SessionQuerySet:
        """Sessions that ran to the end or were stopped (not abandoned, not running)."""
        return self.filter(status__in=[Session.Status.COMPLETED, Session.Status.STOPPED])

    def idle_since(self, moment: datetime) -> SessionQuerySet:
        return self.in_progress().filter(last_activity_at__lte=moment)

    def close_abandoned(self, now: datetime) -> int:
        """Close sessions left running for 12 hours; their logs stay."""
        return self.idle_since(now - flow.ABANDON_AFTER).update(
            status=Session.Status.ABANDONED, ended_at=now
        )


class Session(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = flow.Status.IN_PROGRESS.value, "In progress"
        COMPLETED = flow.Status.COMPLETED.value, "Completed"
        STOPPED = flow.Status.STOPPED.value, "Stopped"
        ABANDONED = flow.Status.ABANDONED.value, "Abandoned"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guided_sessions"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField()
    # The plan as it was when the session started: later rule changes never
    # move a running session's steps under the person's feet.
    plan = models.JSONField(default=list)
    position = models.PositiveIntegerField(default=0)
    stopping = models.BooleanField(default=False)
    stage = models.PositiveSmallIntegerField(null=True, blank=True)
    # What each hold screen shows from the library (steps, breathing cue,
    # picture), by stretch slug, copied at the start like the plan: an answer
    # then needs no library read. Empty for sessions started before it existed.
    cards = models.JSONField(default=dict, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["user", "status", "started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="in_progress"),
                name="one_session_in_progress_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"Session {self.pk} of {self.user} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("tracking:session", kwargs={"pk": self.pk})

    @classmethod
    def begin(
        cls,
        user: Any,
        steps: Any,
        *,
        stage: int | None,
        now: datetime,
        cards: dict[str, Any] | None = None,
    ) -> Session:
        steps = tuple(steps)
        if cards is None:
            cards = stretch_cards({step.slug for step in steps})
        DataVersion.bump(user)  # a new session counts on the dashboard at once
        return cls.objects.create(
            user=user,
            plan=flow.snapshot_plan(steps),
            cards=cards,
            stage=stage,
            started_at=now,
            last_activity_at=now,
        )

    @cached_property
    def steps(self) -> tuple[flow.StepScreen, ...]:
        return flow.expand(self.plan)

    @property
    def state(self) -> flow.FlowState:
        return flow.FlowState(self.position, flow.Status(self.status), self.stopping)

    @property
    def screen(self) -> flow.Screen:
        return flow.screen_for(self.state, len(self.steps))

    @property
    def current_step(self) -> flow.StepScreen | None:
        if self.screen in (flow.Screen.STEP, flow.Screen.STOP_REASON):
            return self.steps[self.position - 1]
        return None

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    @property
    def seconds_spent(self) -> float:
        end = self.ended_at or self.last_activity_at
        return max(0.0, (end - self.started_at).total_seconds())

    def close_if_abandoned(self, now: datetime) -> bool:
        """Close this session if it has sat unfinished for 12 hours."""
        if not flow.is_abandoned(flow.Status(self.status), self.last_activity_at, now):
            return False
        self.status = self.Status.ABANDONED
        self.ended_at = now
        self.save(update_fields=["status", "ended_at"])
        return True

    def apply(self, transition: flow.Transition, now: datetime) -> None:
        """Store a transition: the new position and every effect, in order.

        The caller holds the row lock and a transaction, so a repeated POST
        either sees the old position (and lands here once) or the new one.
        """
        for effect in transition.effects:
            match effect:
                case flow.RecordPain(kind=kind, pain=pain):
                    PainLog.objects.create(
                        user_id=self.user_id,
                        pain=pain,
                        kind=kind.value,
                        session=self,
                        logged_at=now,
                    )
                case flow.RecordStep(number=number, outcome=outcome):
                    step = self.steps[number - 1]
                    SessionStep.objects.create(
                        session=self,
                        number=number,
                        slug=step.slug,
                        side=step.side,
                        rep=step.rep,
                        outcome=outcome.value,
                        answered_at=now,
                    )
                case flow.RecordStop(reason=reason, note=note, step_number=number):
                    StopSignal.objects.create(
                        session=self,
                        reason=reason.value,
                        note=note[:NOTE_MAX],
                        step_number=number,
                        created_at=now,
                    )
                case flow.Finish(status=status):
                    self.status = status.value
                    self.ended_at = now
        if any(not isinstance(e, flow.RecordStep) for e in transition.effects):
            # Pain, stops and the end show on the dashboard; a plain step does not.
            DataVersion.bump(self.user_id)
        self.position = transition.state.position
        self.stopping = transition.state.stopping
        self.last_activity_at = now
        self.save(update_fields=["status", "ended_at", "position", "stopping", "last_activity_at"])


class SessionStep(models.Model):
    """One answered hold screen: done or skipped."""

    class Outcome(models.TextChoices):
        DONE = flow.Outcome.DONE.value, "Done"
        SKIPPED = flow.Outcome.SKIPPED.value, "Skipped"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="step_logs")
    number = models.PositiveIntegerField()
    slug = models.SlugField(max_length=80)
    side = models.CharField(max_length=5)
    rep = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=7, choices=Outcome.choices)
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            # A screen is answered once, whatever the network does.
            models.UniqueConstraint(fields=["session", "number"], name="one_answer_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.session_id} #{self.number} {self.slug} {self.outcome}"


class StopSignal(models.Model):
    """Why a session was stopped; it also made the screening lapse."""

    class Reason(models.TextChoices):
        SHARP_PAIN = flow.StopReason.SHARP_PAIN.value, "Sharp or shooting pain"
        NUMBNESS = flow.StopReason.NUMBNESS.value, "Numbness or tingling getting worse"
        CRAMP = flow.StopReason.CRAMP.value, "Cramp or spasm"
        OTHER = flow.StopReason.OTHER.value, "Something else"

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="stop_signal")
    reason = models.CharField(max_length=12, choices=Reason.choices)
    note = models.CharField(max_length=NOTE_MAX, blank=True)
    step_number = models.PositiveIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Stop in session {self.session_id}: {self.reason}"

    @property
    def advice(self) -> StopAdvice:
        return STOP_ADVICE[flow.StopReason(self.reason)]


class AfterEffectCheckin(models.Model):
    """The next-day answer: did pain last more than 2 hours after the session?"""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="after_effect")
    lasted_over_2h = models.BooleanField()
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = "after-effect check-in"

    def __str__(self) -> str:
        return f"After session {self.session_id}: {'yes' if self.lasted_over_2h else 'no'}"
