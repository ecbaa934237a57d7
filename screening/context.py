"""What a page about one stored result shows (the result page and the gate's page)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from screening.models import Screening
from screening.questions import QUESTIONS
from screening.rules import SAFETY_NET, TIER_HEADLINES, Tier

if TYPE_CHECKING:
    from screening.gate import ScreeningStatus

CLEARED_HEADLINE = "You are cleared to start"


def result_context(screening: Screening, status: ScreeningStatus) -> dict[str, Any]:
    """What result.html and blocked.html show for one stored screening."""
    is_current = status.current is not None and status.current.pk == screening.pk
    clearance = status.clearance if is_current else getattr(screening, "clearance", None)
    # A cleared clinician-tier result no longer says "see a clinician first".
    cleared = is_current and status.allowed and screening.tier_enum == Tier.CLINICIAN
    # In questionnaire order: PostgreSQL's jsonb does not keep the stored key order.
    answers = [
        (question.text, question.label_for(screening.answers[key]))
        for key, question in QUESTIONS.items()
        if key in screening.answers
    ]
    return {
        "screening": screening,
        "tier": screening.tier_enum,
        "headline": CLEARED_HEADLINE if cleared else TIER_HEADLINES[screening.tier_enum],
        "cleared": cleared,
        "plan_changes": screening.plan_notes(),
        "advice": screening.advice(),
        "action_steps": screening.action_steps(),
        "safety_net": SAFETY_NET,
        "is_current": is_current,
        "allowed": is_current and status.allowed,
        "clearance": clearance,
        "can_record_clearance": is_current
        and screening.tier_enum == Tier.CLINICIAN
        and status.clearance is None,
        "answers": answers,
        # Plain words for templates, which cannot compare against an enum class.
        "tier_name": screening.tier_enum.name.lower(),
    }
