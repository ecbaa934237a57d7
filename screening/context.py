"""What the safety pages show: one stored result, or the standing as it is now."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils import timezone

from screening.context_processors import person_country
from screening.countries import Country
from screening.models import Screening
from screening.questions import QUESTIONS
from screening.rules import TIER_HEADLINES, Tier, action_steps, flag_by_code
from screening.standing import Next, Standing, State

if TYPE_CHECKING:
    from screening.gate import ScreeningStatus

CLEARED_HEADLINE = "You are cleared to start"
SEEN_HEADLINE = "You have been seen: you can start"
REST_HEADLINE = "Rest for now"
NOT_A_DIAGNOSIS = (
    "This check is not a diagnosis. It tells you whether stretching on your own is "
    "safe to start, and when to get help."
)


def headline_for(standing: Standing) -> str:
    if standing.state is State.WAIT:
        return REST_HEADLINE
    if standing.state is State.CHECK:
        return "Answer the safety questions"
    if standing.may_stretch:
        return SEEN_HEADLINE if standing.cleared else TIER_HEADLINES[standing.tier or Tier.CLEAR]
    return TIER_HEADLINES[standing.tier or Tier.EMERGENCY]


def steps_for(standing: Standing, country: Country) -> tuple[str, ...]:
    """What to do now, one step a line, in the person's own country's words."""
    if standing.state is not State.BLOCKED or standing.tier is None:
        return ()
    flags = tuple(f for f in map(flag_by_code, standing.flags) if f is not None)
    return action_steps(standing.tier, flags, country)


def standing_context(request: HttpRequest, standing: Standing) -> dict[str, Any]:
    """What the standing page and the gate's page show."""
    country = person_country(request)
    flags = [f for f in map(flag_by_code, standing.flags) if f is not None]
    return {
        "standing": standing,
        "country": country,
        "headline": headline_for(standing),
        "tier_name": standing.tier.name.lower() if standing.alarm and standing.tier else "",
        "action_steps": steps_for(standing, country),
        "reasons": [f.advice for f in flags] if not standing.may_stretch else [],
        "not_a_diagnosis": NOT_A_DIAGNOSIS,
        # This page is the advice itself: no banner repeating it above.
        "hide_safety_banner": True,
        "can_record_assessment": standing.next is Next.GET_HELP,
        "can_record_clearance": standing.next is Next.SEE_CLINICIAN,
        "local_until": timezone.localtime(standing.until) if standing.until else None,
    }


def shown_words(screening: Screening, country: Country) -> dict[str, Any]:
    """The words of one result as they are shown; stored with it when it is made."""
    assessment = screening.assessment()
    flags = tuple(screening.fired_flags)
    reasons = [f.advice for f in flags] if screening.tier_enum.blocked else []
    # In questionnaire order: PostgreSQL's jsonb does not keep the stored key order.
    answers = [
        [question.text, question.label_for(screening.answers[key])]
        for key, question in QUESTIONS.items()
        if key in screening.answers
    ]
    return {
        "headline": TIER_HEADLINES[screening.tier_enum],
        "steps": list(action_steps(screening.tier_enum, flags, country)),
        "reasons": reasons,
        "plan_changes": list(assessment.plan_notes if assessment else screening.plan_notes()),
        "answers": answers,
    }


def result_context(
    request: HttpRequest, screening: Screening, status: ScreeningStatus
) -> dict[str, Any]:
    """What result.html shows for one stored screening: the words the person saw then."""
    standing = status.standing
    country = person_country(request)
    words = screening.shown or shown_words(screening, country)
    is_current = standing.result_id == screening.pk
    cleared = is_current and standing.cleared
    return {
        "screening": screening,
        "standing": standing,
        "country": country,
        "tier": screening.tier_enum,
        "tier_name": screening.tier_enum.name.lower(),
        "headline": (CLEARED_HEADLINE if cleared else words["headline"]),
        "cleared": cleared,
        "plan_changes": words["plan_changes"],
        "action_steps": words["steps"],
        "reasons": words["reasons"],
        "answers": words["answers"],
        "is_current": is_current,
        "is_alarm": is_current and standing.alarm,
        # The current alarm's own result is the advice: no banner repeating it.
        "hide_safety_banner": is_current and standing.alarm,
        "allowed": is_current and standing.may_stretch,
        "clearance": getattr(screening, "clearance", None),
        "not_a_diagnosis": NOT_A_DIAGNOSIS,
        "can_record_clearance": is_current and standing.next is Next.SEE_CLINICIAN,
        "can_record_assessment": is_current and standing.next is Next.GET_HELP,
    }
