"""today_for: the adapter between stored rows, history, cautions and the rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from routines.models import StageDecision, StageRule, Stretch
from routines.progression import Action, History, SessionRecord
from routines.today import current_stage, today_for, weekly_target
from screening.rules import Caution
from tests.routines.providers import history_for

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 4)


def bad(day: date) -> SessionRecord:
    return SessionRecord(day, 3, 6, True, False, False)


def test_a_newcomer_starts_at_stage_1_today(alice, screened, crafted_history):
    result = today_for(alice, TODAY, history_for(alice, TODAY))
    assert (result.decision.from_stage, result.decision.to_stage) == (1, 1)
    assert result.decision.since == TODAY


def test_a_newcomer_with_earlier_sessions_started_on_the_first(alice, crafted_history):
    first = TODAY - timedelta(days=5)
    history = History((SessionRecord(first, 2, 2, True, False, False),))
    assert current_stage(alice, TODAY, history) == (1, first)


def test_it_stores_the_decision(alice, screened, crafted_history):
    today_for(alice, TODAY, history_for(alice, TODAY))
    stored = StageDecision.objects.get(user=alice, day=TODAY)
    assert stored.action == Action.STAY and stored.reasons


def test_it_stores_nothing_when_asked_not_to(alice, screened, crafted_history):
    today_for(alice, TODAY, history_for(alice, TODAY), record=False)
    assert not StageDecision.objects.exists()


def test_a_second_look_the_same_day_updates_the_decision(alice, screened, crafted_history):
    start = TODAY - timedelta(days=20)
    StageDecision.objects.create(
        user=alice, day=start, from_stage=1, to_stage=2, action="advance", since=start
    )
    assert today_for(alice, TODAY, history_for(alice, TODAY)).decision.action is Action.STAY
    # The next-day answer arrives later the same day: the decision is redone.
    crafted_history[alice.pk] = History((bad(TODAY - timedelta(days=1)),))
    assert today_for(alice, TODAY, history_for(alice, TODAY)).decision.action is Action.REGRESS
    stored = StageDecision.objects.get(user=alice, day=TODAY)
    assert (stored.from_stage, stored.to_stage, stored.action) == (2, 1, "regress")


def test_it_starts_from_the_last_decision_before_today(alice, crafted_history):
    StageDecision.objects.create(
        user=alice,
        day=TODAY - timedelta(days=9),
        from_stage=1,
        to_stage=2,
        action="advance",
        since=TODAY - timedelta(days=9),
    )
    StageDecision.objects.create(
        user=alice, day=TODAY, from_stage=2, to_stage=1, action="regress", since=TODAY
    )
    assert current_stage(alice, TODAY, History()) == (2, TODAY - timedelta(days=9))


def test_it_reads_cautions_from_the_safety_check(alice, make_screening, crafted_history):
    make_screening(alice, "clear", cautions=[Caution.FLOOR])
    result = today_for(alice, TODAY, history_for(alice, TODAY))
    assert result.cautions == {"floor"}
    assert result.plan.steps[0].slug == "seated-knee-to-chest"


def test_it_reads_the_stage_table_from_the_database(alice, screened, crafted_history):
    StageRule.objects.filter(number=1).update(hold_min=10, hold_max=12)
    steps = today_for(alice, TODAY, history_for(alice, TODAY)).plan.steps
    assert steps[0].hold_seconds == 10


def test_it_reads_the_library_from_the_database(alice, screened, crafted_history):
    Stretch.objects.filter(slug="cat-cow").update(excluded_by=["knee", "floor"], priority=50)
    Stretch.objects.filter(slug="supine-spinal-twist").update(priority=1)
    slugs = [step.slug for step in today_for(alice, TODAY, history_for(alice, TODAY)).plan.steps]
    assert "supine-spinal-twist" in slugs and "cat-cow" not in slugs


def test_it_reads_history_from_tracking_by_default(alice, screened):
    # No crafted provider: the real one from tracking answers with no sessions yet.
    assert today_for(alice, TODAY, history_for(alice, TODAY)).decision.to_stage == 1


# --- weekly_target: the dashboard's cheap read of the plan's sessions a week ---------


def _decide(user, day: date, stage: int) -> None:
    StageDecision.objects.create(
        user=user, day=day, from_stage=stage, to_stage=stage, action="stay", since=day
    )


def test_the_weekly_target_of_a_newcomer_is_stage_1s(alice, django_assert_num_queries):
    first = StageRule.objects.get(number=1)
    with django_assert_num_queries(1):
        target = weekly_target(alice, TODAY)
    assert target == first.sessions_min * 7


@pytest.mark.parametrize("stage", [1, 2, 3, 4])
def test_the_weekly_target_follows_the_latest_stored_stage(alice, stage: int):
    _decide(alice, TODAY - timedelta(days=20), 1)
    _decide(alice, TODAY - timedelta(days=2), stage)
    rule = StageRule.objects.get(number=stage)
    expected = rule.sessions_min if rule.per_week else rule.sessions_min * 7
    assert weekly_target(alice, TODAY) == expected


def test_the_weekly_target_ignores_a_decision_after_today(alice):
    StageRule.objects.filter(number=2).update(sessions_min=3, per_week=False)
    _decide(alice, TODAY + timedelta(days=1), 2)
    assert weekly_target(alice, TODAY) == StageRule.objects.get(number=1).sessions_min * 7


def test_the_weekly_target_reads_the_edited_stage_table(alice):
    StageRule.objects.filter(number=1).update(sessions_min=3, per_week=True)
    assert weekly_target(alice, TODAY) == 3


def test_the_weekly_target_without_a_stage_table_uses_the_built_in_one(alice):
    StageRule.objects.all().delete()
    assert weekly_target(alice, TODAY) == 7
