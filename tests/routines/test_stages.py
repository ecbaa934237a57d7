"""Every number in the shipped stage table and the engine's thresholds, pinned once."""

from __future__ import annotations

from dataclasses import astuple, replace

import pytest

from routines.stages import (
    DEFAULT_RULES,
    DEFAULT_THRESHOLDS,
    PAIN_MAX,
    PAIN_MIN,
    rules_by_number,
    stage_label,
)

# number, name, hold min-max, reps min-max, sessions min-max, per week, flare sessions,
# double knee, its longest hold, rocking, min days, min sessions, settled pain max,
# settled days, walk minutes
SHIPPED = [
    (1, "Beginner", 15, 20, 2, 3, 1, 2, False, 3, False, 30, False, 0, 0, None, 14, 10),
    (2, "Intermediate", 30, 45, 2, 3, 1, 2, False, 3, True, 30, False, 14, 8, None, 14, 15),
    (3, "Advanced", 45, 60, 2, 3, 1, 2, False, 3, True, 30, True, 14, 8, None, 14, 20),
    (4, "Maintenance", 45, 60, 2, 3, 3, 4, True, 3, True, 30, True, 14, 8, 2, 14, 20),
]


@pytest.mark.parametrize(("rule", "expected"), zip(DEFAULT_RULES, SHIPPED, strict=True))
def test_every_number_in_the_shipped_stage_table(rule, expected):
    assert astuple(rule)[:-1] == expected
    assert rule.source  # each row says where its numbers come from


def test_the_engine_thresholds():
    t = DEFAULT_THRESHOLDS
    assert (
        t.regress_rise,
        t.after_pain_max,
        t.double_knee_sessions,
        t.double_knee_pain_max,
        t.recent_sessions,
        t.flare_pain,
        t.flare_jump,
        t.average_days,
        t.settled_min_logs,
        t.hold_step,
        t.sessions_per_step,
        t.rest_seconds,
        t.core_rest_seconds,
        t.flare_walk_minutes,
        t.double_knee_ceiling,
    ) == (2, 5, 4, 3, 8, 7, 3, 7, 10, 5, 2, 10, 5, 5, 30)


@pytest.mark.parametrize(("number", "label"), [(1, "stage 1"), (3, "stage 3"), (4, "maintenance")])
def test_stage_labels(number, label):
    assert stage_label(number) == label


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"hold_min": 50}, "^stage 2: a range's minimum is above its maximum.$"),
        ({"reps_min": 4}, "stage 2: a range's minimum is above its maximum."),
        ({"sessions_min": 3}, "stage 2: a range's minimum is above its maximum."),
    ],
)
def test_an_upside_down_range_is_refused(change, message):
    rules = tuple(replace(r, **change) if r.number == 2 else r for r in DEFAULT_RULES)
    with pytest.raises(ValueError, match=message):
        rules_by_number(rules)


def test_a_missing_stage_is_refused():
    with pytest.raises(ValueError, match=r"^Stage rules must cover stages 1 to 4 exactly once\.$"):
        rules_by_number(DEFAULT_RULES[:3])


def test_a_range_of_one_value_is_fine():
    rules = tuple(
        replace(r, hold_min=20, hold_max=20, reps_min=2, reps_max=2, sessions_min=2, sessions_max=2)
        if r.number == 2
        else r
        for r in DEFAULT_RULES
    )
    assert rules_by_number(rules)[2].hold_max == 20


def test_the_pain_scale():
    assert (PAIN_MIN, PAIN_MAX) == (0, 10)
