"""The stretch library, the stage table and the stored stage decisions.

Rows here are turned into the plain dataclasses of ``routines.progression``
by ``as_exercise`` / ``as_rule``; the rules themselves live there.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from routines import library_data as data
from routines import planning, stages
from routines import progression as p
from routines.exercises import Exercise, Kind
from screening.cautions import WORDS, Caution

STAGE_CHOICES = [(1, "Stage 1"), (2, "Stage 2"), (3, "Stage 3"), (4, "Maintenance")]
CAUTION_CHOICES = [(c.value, WORDS[c].label) for c in Caution]


def _reasons(codes: object) -> list[str]:
    """What each caution means to the person; codes no longer known are skipped."""
    known = {c.value: c for c in Caution}
    return [WORDS[known[c]].reason for c in codes or () if c in known]


def seconds(**extra: object) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(3600)], **extra
    )


def _check_cautions(codes: object, field: str) -> dict[str, str]:
    known = {c.value for c in Caution}
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        return {field: "Give a list of caution codes."}
    unknown = sorted(set(codes) - known)
    if unknown:
        return {field: f"Unknown caution code: {', '.join(unknown)}."}
    return {}


class StretchQuerySet(models.QuerySet["Stretch"]):
    def in_order(self) -> StretchQuerySet:
        kinds = [k.value for k in Kind]
        order = models.Case(
            *(models.When(kind=k, then=models.Value(i)) for i, k in enumerate(kinds)),
            output_field=models.IntegerField(),
        )
        return self.alias(kind_order=order).order_by("kind_order", "min_stage", "priority", "name")

    def with_text(self) -> StretchQuerySet:
        return self.prefetch_related("steps", "mistakes")


class Stretch(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=list(data.KINDS.items()))
    position = models.CharField(max_length=20, choices=list(data.POSITIONS.items()))
    targets = models.CharField(
        max_length=20, choices=list(data.TARGETS.items()), help_text="What it mainly works on."
    )
    summary = models.TextField(max_length=400)
    breathing_cue = models.TextField(max_length=400)
    per_side = models.BooleanField(default=True, help_text="Done on the left, then the right.")
    default_hold_seconds = seconds(default=15)
    default_reps = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    min_stage = models.PositiveSmallIntegerField(
        choices=STAGE_CHOICES, default=1, help_text="The first stage that offers it."
    )
    variation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="variations"
    )
    excluded_by = models.JSONField(
        default=list, blank=True, help_text="Cautions from screening that leave it out."
    )
    preferred_by = models.JSONField(
        default=list, blank=True, help_text="Cautions from screening that pick it first."
    )
    double_knee = models.BooleanField(default=False, help_text="Both knees drawn in together.")
    rocking = models.BooleanField(default=False)
    flexion = models.BooleanField(
        default=False, help_text="Rounds the lower back toward the end of its range."
    )
    priority = models.PositiveSmallIntegerField(
        default=100, help_text="Lower comes first when several stretches fit."
    )
    hold_max_seconds = seconds(
        null=True,
        blank=True,
        help_text="Never held longer than this, whatever the stage (leave empty for no limit).",
    )
    picture = models.CharField(
        max_length=200, help_text="A static file, e.g. routines/svg/single-knee-to-chest.svg."
    )
    picture_alt = models.CharField("picture description", max_length=300)
    source = models.CharField(
        max_length=400, help_text="Where the facts come from, and which reading was chosen."
    )

    objects = StretchQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "name"]
        verbose_name_plural = "stretches"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("routines:stretch", kwargs={"slug": self.slug})

    def as_exercise(self) -> Exercise:
        return Exercise.of(self)

    @property
    def excluded_words(self) -> list[str]:
        return _reasons(self.excluded_by)

    @property
    def preferred_words(self) -> list[str]:
        return _reasons(self.preferred_by)

    def clean(self) -> None:
        errors = {
            **_check_cautions(self.excluded_by, "excluded_by"),
            **_check_cautions(self.preferred_by, "preferred_by"),
        }
        if not errors and set(self.excluded_by) & set(self.preferred_by):
            errors["preferred_by"] = "A caution cannot both leave out and prefer a stretch."
        if self.picture and not finders.find(self.picture):
            errors["picture"] = "There is no static file with this name."
        if self.variation_of_id and self.variation_of_id == self.pk:
            errors["variation_of"] = "A stretch cannot be a variation of itself."
        if self.kind and self.position and not errors:
            errors.update(self._library_gaps())
        if errors:
            raise ValidationError(errors)

    def _library_gaps(self) -> dict[str, str]:
        """Refuse a change that leaves the engine without a stretch for someone."""
        others = Stretch.objects.exclude(pk=self.pk) if self.pk else Stretch.objects.all()
        library = [s.as_exercise() for s in others] + [self.as_exercise()]
        gaps = planning.library_gaps(library, StageRule.current_first())
        return {"__all__": " ".join(gaps)} if gaps else {}


class StretchStep(models.Model):
    stretch = models.ForeignKey(Stretch, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class Mistake(models.Model):
    stretch = models.ForeignKey(Stretch, on_delete=models.CASCADE, related_name="mistakes")
    order = models.PositiveSmallIntegerField(default=0)
    mistake = models.CharField(max_length=200)
    fix = models.CharField(max_length=300)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.mistake


class StageRule(models.Model):
    """One row of the stage table; the engine reads these as ``progression.StageRule``."""

    number = models.PositiveSmallIntegerField(choices=STAGE_CHOICES, unique=True)
    name = models.CharField(max_length=40)
    hold_min = seconds(help_text="Shortest single-leg hold, in seconds.")
    hold_max = seconds(help_text="Longest single-leg hold, in seconds.")
    reps_min = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    reps_max = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    sessions_min = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    sessions_max = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    per_week = models.BooleanField(default=False, help_text="Sessions are counted per week.")
    flare_sessions = models.PositiveSmallIntegerField(
        default=3, help_text="Short sessions a day on a flare day (read from stage 1)."
    )
    double_knee = models.BooleanField(default=False)
    double_knee_max_hold = seconds(default=30)
    rocking = models.BooleanField(default=False)
    min_days = models.PositiveSmallIntegerField(
        default=0, help_text="Days at the stage below before this one is offered."
    )
    min_sessions = models.PositiveSmallIntegerField(
        default=0, help_text="Good sessions in a row at the stage below before this one."
    )
    settled_pain_max = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(stages.PAIN_MAX)],
        help_text="Morning pain must stay at or below this (leave empty for no pain gate).",
    )
    settled_days = models.PositiveSmallIntegerField(default=14)
    walk_minutes = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    source = models.CharField(max_length=400)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{stages.stage_label(self.number).capitalize()} ({self.name})"

    @property
    def label(self) -> str:
        return stages.stage_label(self.number)

    def as_rule(self) -> stages.StageRule:
        names = [f.name for f in stages.StageRule.__dataclass_fields__.values()]
        return stages.StageRule(**{name: getattr(self, name) for name in names})

    @classmethod
    def current_first(cls) -> stages.StageRule:
        first = cls.objects.filter(number=1).first()
        return first.as_rule() if first else stages.DEFAULT_RULES[0]

    def clean(self) -> None:
        errors = {}
        for low, high, what in (
            ("hold_min", "hold_max", "hold"),
            ("reps_min", "reps_max", "reps"),
            ("sessions_min", "sessions_max", "sessions"),
        ):
            a, b = getattr(self, low), getattr(self, high)
            if a is not None and b is not None and a > b:
                errors[low] = f"The shortest {what} cannot be more than the longest ({b})."
        ceiling = stages.DEFAULT_THRESHOLDS.double_knee_ceiling
        if self.double_knee_max_hold is not None and self.double_knee_max_hold > ceiling:
            errors["double_knee_max_hold"] = (
                f"Both knees are never held in for more than {ceiling} seconds."
            )
        if errors:
            raise ValidationError(errors)
        library = [s.as_exercise() for s in Stretch.objects.all()]
        if self.number and not any(
            planning.fits(ex, frozenset(), self.as_rule()) and ex.kind == Kind.FAMILY
            for ex in library
        ):
            raise ValidationError(f"No knee-to-chest stretch is offered at {self.label}.")


class DecisionQuerySet(models.QuerySet["StageDecision"]):
    def for_user(self, user: object) -> DecisionQuerySet:
        return self.filter(user=user)

    def before(self, day: date) -> DecisionQuerySet:
        return self.filter(day__lt=day)

    def newest_first(self) -> DecisionQuerySet:
        return self.order_by("-day", "-pk")


class StageDecision(models.Model):
    """What the engine decided for one person on one day, kept to explain it later."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stage_decisions"
    )
    day = models.DateField()
    from_stage = models.PositiveSmallIntegerField(choices=STAGE_CHOICES)
    to_stage = models.PositiveSmallIntegerField(choices=STAGE_CHOICES)
    action = models.CharField(max_length=10, choices=[(a.value, a.name.title()) for a in p.Action])
    reasons = models.JSONField(default=list)
    since = models.DateField(help_text="The day the person's current stage began.")
    flare = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_stage_decision_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.day} · {self.action} {self.from_stage}->{self.to_stage}"

    @property
    def summary(self) -> str:
        return self.as_decision().summary

    @property
    def from_label(self) -> str:
        return stages.stage_label(self.from_stage)

    @property
    def to_label(self) -> str:
        return stages.stage_label(self.to_stage)

    def as_decision(self) -> p.Decision:
        return p.Decision(
            day=self.day,
            from_stage=self.from_stage,
            to_stage=self.to_stage,
            action=p.Action(self.action),
            reasons=tuple(self.reasons),
            since=self.since,
            flare=self.flare,
        )

    @classmethod
    def store(cls, user: object, decision: p.Decision) -> StageDecision:
        """One row per person per day; a later look the same day updates it."""
        row, _ = cls.objects.update_or_create(
            user=user,
            day=decision.day,
            defaults={
                "from_stage": decision.from_stage,
                "to_stage": decision.to_stage,
                "action": decision.action.value,
                "reasons": list(decision.reasons),
                "since": decision.since,
                "flare": decision.flare,
            },
        )
        return row


class PlanChoice(models.Model):
    """How many sessions a day (a week at maintenance) a person chose to do.

    Used only while it lies in the current stage's range; otherwise the
    stage's fewest apply, and Today asks again.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_choice"
    )
    sessions = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user}: {self.sessions}"
