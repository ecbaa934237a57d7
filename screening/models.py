"""Stored screenings, in-progress drafts and clinician clearances.

A completed Screening is never changed afterwards except to mark it lapsed:
history is kept, and a later screening never overwrites an earlier one.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from screening.questions import TOPICS
from screening.rules import (
    RULES_VERSION,
    TIER_HEADLINES,
    Assessment,
    Caution,
    RedFlag,
    Tier,
    action_steps,
    advice_for,
    assess,
    clean_answers,
    flag_by_code,
    plan_notes,
)

# A result is current for 30 days; a clearance covers the same flags for as long.
VALID_FOR = timedelta(days=30)
CLEARANCE_VALID_FOR = timedelta(days=30)
# Unfinished questionnaires are thrown away after a week.
DRAFT_KEPT_FOR = timedelta(days=7)


class ScreeningQuerySet(models.QuerySet["Screening"]):
    def for_user(self, user: object) -> ScreeningQuerySet:
        return self.filter(user=user)

    def newest_first(self) -> ScreeningQuerySet:
        return self.order_by("-created_at", "-pk")

    def not_lapsed(self) -> ScreeningQuerySet:
        return self.filter(lapsed_at__isnull=True)


class Screening(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screenings"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    rules_version = models.CharField(max_length=20)
    answers = models.JSONField()
    tier = models.PositiveSmallIntegerField(choices=[(t.value, t.name.title()) for t in Tier])
    flags = models.JSONField(default=list, help_text="Codes of the red flags that fired.")
    cautions = models.JSONField(default=list, help_text="Caution codes that shape the plan.")
    lapsed_at = models.DateTimeField(null=True, blank=True)
    lapse_reason = models.CharField(max_length=200, blank=True)
    # The draft this screening completed; unique, so a replayed or doubled
    # final submit can never store a second result.
    draft_token = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.tier_enum.name.title()} · {self.created_at:%Y-%m-%d}"

    @classmethod
    def record(
        cls, user: object, assessment: Assessment, answers: dict, *, version: str, **extra: object
    ) -> Screening:
        return cls.objects.create(
            user=user,
            rules_version=version,
            answers=answers,
            tier=int(assessment.tier),
            flags=[f.code for f in assessment.flags],
            cautions=sorted(c.value for c in assessment.cautions),
            **extra,
        )

    @property
    def tier_enum(self) -> Tier:
        return Tier(self.tier)

    @property
    def headline(self) -> str:
        return TIER_HEADLINES[self.tier_enum]

    @property
    def caution_set(self) -> frozenset[Caution]:
        return frozenset(Caution(c) for c in self.cautions if c in Caution._value2member_map_)

    @property
    def flag_set(self) -> frozenset[str]:
        return frozenset(self.flags)

    @property
    def fired_flags(self) -> list[RedFlag]:
        """The flag records, for their words; codes from older rules are skipped."""
        return [f for f in map(flag_by_code, self.flags) if f is not None]

    def assessment(self) -> Assessment | None:
        """The full reading of the stored answers, when today's rules made it."""
        if self.rules_version != RULES_VERSION:
            return None
        return assess(self.answers, today=self.created_at.date())

    def advice(self) -> tuple[str, ...]:
        """What to do, then why; from stored flags if older rules made this result."""
        assessment = self.assessment()
        if assessment is None:
            return advice_for(self.tier_enum, tuple(self.fired_flags))
        return assessment.advice

    def action_steps(self) -> tuple[str, ...]:
        """What to do now, one step a line (from the stored flags, as the advice is)."""
        return action_steps(self.tier_enum, tuple(self.fired_flags))

    def plan_notes(self) -> tuple[str, ...]:
        """How the plan changes, in words."""
        assessment = self.assessment()
        if assessment is None:
            return plan_notes(self.caution_set, ())
        return assessment.plan_notes

    def expires_at(self) -> datetime:
        return self.created_at + VALID_FOR

    def is_live(self, now: datetime) -> bool:
        return self.lapsed_at is None and now < self.expires_at()

    def lapse(self, reason: str, now: datetime) -> None:
        self.lapsed_at = now
        self.lapse_reason = reason[:200]
        self.save(update_fields=["lapsed_at", "lapse_reason"])


class ScreeningDraft(models.Model):
    """Answers given so far, kept on the server between the questionnaire steps."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screening_drafts"
    )
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Draft {self.token} for {self.user}"

    @classmethod
    def begin(cls, user: object, now: datetime) -> ScreeningDraft:
        cls.objects.filter(user=user, created_at__lt=now - DRAFT_KEPT_FOR).delete()
        return cls.objects.create(user=user, created_at=now)

    def first_missing_step(self) -> int:
        """The first step (1-based) with an unanswered question; one past the end if none."""
        for number, topic in enumerate(TOPICS, start=1):
            if any(q.key not in self.answers for q in topic.questions):
                return number
        return len(TOPICS) + 1

    def save_answers(self, answers: dict) -> bool:
        """Merge one step's answers; False when the draft was finished meanwhile."""
        self.answers = {**self.answers, **answers}
        # update() rather than save(): a plain save would re-create a finished draft.
        return ScreeningDraft.objects.filter(pk=self.pk).update(answers=self.answers) == 1

    def finish(self, answers: dict, now: datetime) -> Screening:
        """Store the result and use up the draft, once, in one transaction.

        Raises rules.InvalidAnswers when a question is unanswered. A second
        submit (replayed or at the same moment) gets the result stored first.
        """
        try:
            with transaction.atomic():
                draft = ScreeningDraft.objects.select_for_update().filter(pk=self.pk).first()
                if draft is None:
                    return Screening.objects.get(draft_token=self.token, user=self.user)
                merged = clean_answers({**draft.answers, **answers})
                assessment = assess(merged, today=timezone.localdate(now))
                screening = Screening.record(
                    self.user,
                    assessment,
                    merged,
                    version=RULES_VERSION,
                    draft_token=self.token,
                    created_at=now,
                )
                draft.delete()
                return screening
        except IntegrityError:
            return Screening.objects.get(draft_token=self.token, user=self.user)


class Clearance(models.Model):
    """A person's record that a clinician said gentle stretching is fine for them."""

    class Role(models.TextChoices):
        GP = "gp", "GP or family doctor"
        PHYSIO = "physio", "Physiotherapist"
        SPECIALIST = "specialist", "Hospital doctor or surgeon"
        MIDWIFE = "midwife", "Midwife or obstetrician"
        OTHER = "other", "Someone else"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clearances"
    )
    screening = models.OneToOneField(Screening, on_delete=models.CASCADE, related_name="clearance")
    clinician_name = models.CharField(max_length=100)
    clinician_role = models.CharField(max_length=20, choices=Role.choices)
    cleared_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-cleared_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.clinician_name} ({self.get_clinician_role_display()}) on {self.cleared_on}"
