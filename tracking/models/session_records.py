"""What a guided session recorded beside its state: each step answered, the stop
(and why), the next-day answer, and the day's walk."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tracking import session_flow as flow
from tracking.session_advice import STOP_ADVICE, STOP_RULES, StopAdvice

from .versions import Versioned, VersionedQuerySet

__all__ = ["AfterEffectCheckin", "SessionStep", "StopSignal", "WalkLog"]

NOTE_MAX = 500


class OfSession(Versioned):
    """A record of one session that the figures read: its owner is the session's."""

    objects = VersionedQuerySet.as_manager()
    version_owner = "session__user"

    class Meta:
        abstract = True


class SessionStep(models.Model):
    """One answered step (an exercise on one side, all its reps): done or skipped."""

    class Outcome(models.TextChoices):
        DONE = flow.Outcome.DONE.value, "Done"
        SKIPPED = flow.Outcome.SKIPPED.value, "Skipped"

    # Found through one_answer_per_step, which starts with the session; nothing
    # looks steps up by slug. Each index less is one less to write per answer.
    session = models.ForeignKey(
        "tracking.Session", on_delete=models.CASCADE, related_name="step_logs", db_index=False
    )
    number = models.PositiveIntegerField()
    slug = models.SlugField(max_length=80, db_index=False)
    side = models.CharField(max_length=5)
    reps = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=7, choices=Outcome.choices)
    # Done before half its time (still done: the person may always move on).
    cut_short = models.BooleanField(default=False)
    # Skipped because of pain: a pain signal for the progression rules, not a stop.
    for_pain = models.BooleanField(default=False)
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            # A screen is answered once, whatever the network does.
            models.UniqueConstraint(fields=["session", "number"], name="one_answer_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.session_id} #{self.number} {self.slug} {self.outcome}"


class StopSignal(OfSession):
    """Why a session was stopped for symptoms; the safety standing changed with it.

    A pause, or "something else" that was not about the body, leaves none.
    """

    Reason = models.TextChoices(
        "Reason", [(r.name, (r.value, STOP_ADVICE[r].label)) for r in flow.StopReason]
    )

    session = models.OneToOneField(
        "tracking.Session", on_delete=models.CASCADE, related_name="stop_signal"
    )
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

    @property
    def words(self) -> str:
        """What happened, in words: "sharp or shooting pain"."""
        return STOP_RULES[flow.StopReason(self.reason)].label


class AfterEffectCheckin(OfSession):
    """The next-day answer: did pain last more than 2 hours after the session?"""

    session = models.OneToOneField(
        "tracking.Session", on_delete=models.CASCADE, related_name="after_effect"
    )
    lasted_over_2h = models.BooleanField()
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = "after-effect check-in"

    def __str__(self) -> str:
        return f"After session {self.session_id}: {'yes' if self.lasted_over_2h else 'no'}"


class WalkLog(models.Model):
    """ "I walked today": one tick per person per local day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="walks"
    )
    day = models.DateField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_walk_tick_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} walked on {self.day}"
