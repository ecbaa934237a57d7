"""today_for: the adapter between stored rows, history, cautions and the rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from routines.models import StageDecision, StageRule, Stretch
from routines.progression import Action, History, SessionRecord
from routines.today import current_stage, today_for
from screening.rules import Caution

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 4)


def bad(day: date) -> SessionRecord:
    return SessionRecord(day, 3, 6, True, False, False)


def test_a_newcomer_starts_at_stage_1_today(alice, screened, crafted_history):
    result = today_for(alice, TODAY)
    assert (result.decision.from_stage, result.decision.to_stage) == (1, 1)
    assert result.decision.since == TODAY


def test_a_newcomer_with_earlier_sessions_started_on_the_first(alice, crafted_history):
    first = TODAY - timedelta(days=5)
    history = History((SessionRecord(first, 2, 2, True, False, False),))
    assert current_stage(alice, TODAY, history) == (1, first)


def test_it_stores_the_decision(alice, screened, crafted_history):
    today_for(alice, TODAY)
    stored = StageDecision.objects.get(user=alice, day=TODAY)
    assert stored.action == Action.STAY and stored.reasons


def test_it_stores_nothing_when_asked_not_to(alice, screened, crafted_history):
    today_for(alice, TODAY, record=False)
    assert not StageDecision.objects.exists()


def test_a_second_look_the_same_day_updates_the_decision(alice, screened, crafted_history):
    start = TODAY - timedelta(days=20)
    StageDecision.objects.create(
        user=alice, day=start, from_stage=1, to_stage=2, action="advance", since=start
    )
    assert today_for(alice, TODAY).decision.action is Action.STAY
    # The next-day answer arrives later the same day: the decision is redone.
    crafted_history[alice.pk] = History((bad(TODAY - timedelta(days=1)),))
    assert today_for(alice, TODAY).decision.action is Action.REGRESS
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
    result = today_for(alice, TODAY)
    assert result.cautions == {"floor"}
    assert result.plan.steps[0].slug == "seated-knee-to-chest"


def test_it_reads_the_stage_table_from_the_database(alice, screened, crafted_history):
    StageRule.objects.filter(number=1).update(hold_min=10, hold_max=12)
    steps = today_for(alice, TODAY).plan.steps
    assert steps[0].hold_seconds == 10


def test_it_reads_the_library_from_the_database(alice, screened, crafted_history):
    Stretch.objects.filter(slug="cat-cow").update(excluded_by=["knee", "floor"], priority=50)
    Stretch.objects.filter(slug="supine-spinal-twist").update(priority=1)
    slugs = [step.slug for step in today_for(alice, TODAY).plan.steps]
    assert "supine-spinal-twist" in slugs and "cat-cow" not in slugs


def test_it_reads_history_from_tracking_by_default(alice, screened):
    # No crafted provider: the real one from tracking answers with no sessions yet.
    assert today_for(alice, TODAY).decision.to_stage == 1
