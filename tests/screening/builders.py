"""Small builders for stored screenings, shared by tests across the apps."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.utils import timezone

from screening.models import Clearance, Screening
from screening.rules import RULES_VERSION, Caution, Tier, assess, clean_answers

# A 35-year-old with long-standing pain and nothing else: fires nothing.
ALL_CLEAR: dict[str, object] = {
    "age": 35,
    "pain_start": "long-standing",
    "chest_pain": "no",
    "upper_back": "no",
    "worsening": "no",
    "bladder": "no",
    "bowel": "no",
    "saddle": "no",
    "sex": "no",
    "both_legs": "no",
    "both_legs_weaker": "no",
    "one_leg_weaker": "no",
    "one_leg_numb": "no",
    "below_knee": "no",
    "fever": "no",
    "recent_infection": "no",
    "infection_risk": "no",
    "cancer": "no",
    "weight_loss": "no",
    "aneurysm": "no",
    "fall": "none",
    "severe_pain": "no",
    "osteoporosis": "no",
    "steroids": "no",
    "recent_surgery": "no",
    "hip_replacement": "no",
    "knee_replacement": "no",
    "pregnancy": "no",
    "pelvic_pain": "no",
    "straining": "no",
    "rest_pain": "no",
    "night_pain": "no",
    "late_waking": "no",
    "stiff_mornings": "no",
    "worse_bending": "no",
    "knee_pain": "no",
    "floor_hard": "no",
}
# One answer that gives each tier on its own.
TIER_EXAMPLES: dict[Tier, dict[str, object]] = {
    Tier.EMERGENCY: {"bladder": "yes"},
    Tier.URGENT: {"fever": "yes"},
    Tier.CLINICIAN: {"cancer": "yes"},
    Tier.CAUTION: {"below_knee": "yes"},
    Tier.CLEAR: {},
}
CAUTION_ANSWERS: dict[Caution, dict[str, object]] = {
    Caution.FLEXION_SPARING: {"below_knee": "yes"},
    Caution.KNEE: {"knee_pain": "yes"},
    Caution.FLOOR: {"floor_hard": "yes"},
    Caution.PREGNANCY: {"pregnancy": "yes-well"},
    Caution.PELVIC_GIRDLE: {"pelvic_pain": "yes"},
}


def to_tier(tier: Tier | str | int) -> Tier:
    if isinstance(tier, str):
        return Tier[tier.upper()]
    return Tier(tier)


def make_screening(
    user: object,
    tier: Tier | str | int = Tier.CLEAR,
    *,
    cautions: Iterable[Caution | str] = (),
    answers: dict[str, object] | None = None,
    created_at: datetime | None = None,
    cleared_on: date | None = None,
) -> Screening:
    """Store a screening made by the real rules from answers that give `tier`.

    `cautions` adds the answers for those caution codes; `answers` overrides
    any single answer; `cleared_on` also records a clinician clearance.
    """
    changes = dict(TIER_EXAMPLES[to_tier(tier)])
    for caution in cautions:
        changes.update(CAUTION_ANSWERS[Caution(caution)])
    full = clean_answers({**ALL_CLEAR, **changes, **(answers or {})})
    when = created_at or timezone.now()
    assessment = assess(full, today=when.date())
    screening = Screening.record(user, assessment, full, version=RULES_VERSION, created_at=when)
    if cleared_on is not None:
        Clearance.objects.create(
            user=user,
            screening=screening,
            clinician_name="Dr Patel",
            clinician_role=Clearance.Role.GP,
            cleared_on=cleared_on,
            flags=[f.code for f in screening.fired_flags if f.tier == Tier.CLINICIAN],
        )
    return screening


def days_ago(days: float) -> datetime:
    return timezone.now() - timedelta(days=days)
