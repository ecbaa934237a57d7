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

from screening.questions import QUESTIONS, TOPICS
from screening.rules import (
    RULES_FINGERPRINT,
    RULES_VERSION,
    TIER_HEADLINES,
    Assessment,
    Caution,
    RedFlag,
    Tier,
    assess,
    clean_answers,
    flag_by_code,
    plan_notes,
)
from screening.standing import StopKind

# Unfinished questionnaires are thrown away after a week.
DRAFT_KEPT_FOR = timedelta(days=7)


class ScreeningQuerySet(models.QuerySet["Screening"]):
    def for_user(self, user: object) -> ScreeningQuerySet:
        return self.filter(user=user)

    def newest_first(self) -> ScreeningQuerySet:
        return self.order_by("-created_at", "-pk")


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
    # Kept from before stops were recorded on their own (see SafetyStop).
    lapsed_at = models.DateTimeField(null=True, blank=True)
    lapse_reason = models.CharField(max_length=200, blank=True)
    # The draft this screening completed; unique, so a replayed or doubled
    # final submit can never store a second result.
    draft_token = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    # The words shown with this result when it was made (headline, steps, reasons,
    # questions and answers), so a past decision reads as the person saw it.
    shown = models.JSONField(default=dict, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)

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
            fingerprint=RULES_FINGERPRINT,
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
    def fired_flags(self) -> list[RedFlag]:
        """The flag records, for their words; codes from older rules are skipped."""
        return [f for f in map(flag_by_code, self.flags) if f is not None]

    def assessment(self) -> Assessment | None:
        """The full reading of the stored answers, when today's rules made it."""
        if self.rules_version != RULES_VERSION:
            return None
        return assess(self.answers, today=self.created_at.date())

    def plan_notes(self) -> tuple[str, ...]:
        """How the plan changes, in words."""
        assessment = self.assessment()
        if assessment is None:
            return plan_notes(self.caution_set, ())
        return assessment.plan_notes


class ScreeningDraftQuerySet(models.QuerySet["ScreeningDraft"]):
    def open(self) -> ScreeningDraftQuerySet:
        return self.filter(cancelled_at__isnull=True)

    def cancel_others(self, user: object, keep: object, now: datetime) -> int:
        """Older tabs must not overturn newer answers: end every other open draft."""
        return self.filter(user=user).open().exclude(pk=keep).update(cancelled_at=now)


class ScreeningDraft(models.Model):
    """Answers given so far, kept on the server between the questionnaire steps."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screening_drafts"
    )
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Earlier positive answers and a session stop, asked about before the
    # questions: [{"question", "answer", "at"}] and the stop's id.
    recalls = models.JSONField(default=list)
    stop = models.ForeignKey("SafetyStop", null=True, blank=True, on_delete=models.SET_NULL)
    # The answers to that first step: {"question": {"still": bool, "reason": str}},
    # and "stop" -> "settled" / "not-settled". Empty until it is answered.
    recall_answers = models.JSONField(default=dict, blank=True)
    # Newer answers elsewhere make this draft stale: it can no longer finish.
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = ScreeningDraftQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Draft {self.token} for {self.user}"

    @property
    def has_recall_step(self) -> bool:
        return bool(self.recalls) or self.stop_id is not None

    @property
    def recall_done(self) -> bool:
        return not self.has_recall_step or bool(self.recall_answers)

    @classmethod
    def begin(
        cls, user: object, now: datetime, *, recalls: list | None = None, stop: object = None
    ) -> ScreeningDraft:
        cls.objects.filter(user=user, created_at__lt=now - DRAFT_KEPT_FOR).delete()
        return cls.objects.create(user=user, created_at=now, recalls=recalls or [], stop=stop)

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
                if draft.cancelled_at is not None:
                    raise DraftCancelled
                # Answers to questions since retired (a draft begun under older
                # rules) are dropped; every current question must be answered.
                given = {**draft.answers, **answers}
                merged = clean_answers({k: v for k, v in given.items() if k in QUESTIONS})
                unsettled = draft.recall_answers.get("stop") == "not-settled"
                assessment = assess(merged, today=timezone.localdate(now), stop_unsettled=unsettled)
                screening = Screening.record(
                    self.user,
                    assessment,
                    merged,
                    version=RULES_VERSION,
                    draft_token=self.token,
                    created_at=now,
                )
                AnswerChange.record_for(draft, screening)
                if assessment.blocked:
                    ScreeningDraft.objects.cancel_others(self.user, draft.pk, now)
                draft.delete()
                return screening
        except IntegrityError:
            return Screening.objects.get(draft_token=self.token, user=self.user)


class DraftCancelled(Exception):
    """The draft was made stale by newer answers and cannot be finished."""


class FlagAnswer(models.Model):
    """An emergency or urgent answer given in an unfinished check.

    It counts towards the standing at once, before the check is finished, and
    is only taken back by the person saying on the spot that it was a mistake.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flag_answers"
    )
    draft_token = models.UUIDField(db_index=True)
    question = models.CharField(max_length=40)
    answer = models.CharField(max_length=40)
    tier = models.PositiveSmallIntegerField(choices=[(t.value, t.name.title()) for t in Tier])
    flags = models.JSONField(default=list)
    at = models.DateTimeField(default=timezone.now)
    corrected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.user} · {self.question} · {self.at:%Y-%m-%d %H:%M}"


class AnswerChange(models.Model):
    """A positive answer changed to "no" in a later check, with the reason given."""

    class Reason(models.TextChoices):
        MISTAKE = "mistake", "I answered by mistake"
        CHECKED = "gone-checked", "It has gone and a clinician has checked me"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answer_changes"
    )
    screening = models.ForeignKey(
        Screening, on_delete=models.CASCADE, related_name="answer_changes"
    )
    question = models.CharField(max_length=40)
    earlier_answer = models.CharField(max_length=40)
    earlier_at = models.DateTimeField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user} · {self.question}: {self.reason}"

    @classmethod
    def record_for(cls, draft: ScreeningDraft, screening: Screening) -> list[AnswerChange]:
        by_question = {r["question"]: r for r in draft.recalls}
        changes = [
            cls(
                user=draft.user,
                screening=screening,
                question=question,
                earlier_answer=by_question[question]["answer"],
                earlier_at=datetime.fromisoformat(by_question[question]["at"]),
                reason=answer["reason"],
                created_at=screening.created_at,
            )
            for question, answer in draft.recall_answers.items()
            if question in by_question and not answer.get("still")
        ]
        return cls.objects.bulk_create(changes)


class AssessmentRecord(models.Model):
    """A person's record that they have been seen after an emergency or urgent answer."""

    class Place(models.TextChoices):
        EMERGENCY = "emergency", "An emergency department (A&E)"
        URGENT = "urgent", "Urgent care, or a phone line such as 111"
        GP = "gp", "My GP or family doctor"
        PHYSIO = "physio", "A physiotherapist"
        OTHER = "other", "Somewhere else"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments"
    )
    place = models.CharField(max_length=20, choices=Place.choices)
    seen_on = models.DateField()
    seen_by = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} seen at {self.get_place_display()} on {self.seen_on}"


class SafetyStop(models.Model):
    """A session stopped for a symptom, as the standing reads it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_stops"
    )
    kind = models.CharField(max_length=20, choices=[(k.value, k.value) for k in StopKind])
    label = models.CharField(max_length=100, blank=True)
    at = models.DateTimeField(default=timezone.now)
    day = models.DateField(help_text="The person's local day of the stop.")

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} stopped ({self.kind}) on {self.day}"


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
    # The clinician-tier flags this clearance covers, as they stood when it was recorded.
    flags = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-cleared_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.clinician_name} ({self.get_clinician_role_display()}) on {self.cleared_on}"
