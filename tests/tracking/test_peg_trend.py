"""The weekly PEG-3 check-in: score, once a week, about one point of change. No database."""

from datetime import date

import pytest

from tests.tracking.days import day
from tracking.change import PEG_RULE, Verdict
from tracking.peg_trend import PegPoint, peg_change, peg_due, peg_next_due, peg_score

# --- PEG-3 ----------------------------------------------------------------------


def test_peg_score_is_mean_of_three_items() -> None:
    assert peg_score(6, 5, 7) == 6.0
    assert peg_score(0, 0, 1) == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("last", "today", "due"),
    [(None, 0, True), (0, 6, False), (0, 7, True), (0, 30, True), (3, 3, False)],
)
def test_peg_due_once_a_week(last: int | None, today: int, due: bool) -> None:
    assert peg_due(None if last is None else day(last), day(today)) is due


@pytest.mark.parametrize(
    ("last", "next_due"),
    [(date(2026, 11, 30), date(2026, 12, 7)), (date(2026, 12, 28), date(2027, 1, 4))],
)
def test_the_next_check_in_is_a_week_after_the_last(last: date, next_due: date) -> None:
    assert peg_next_due(last) == next_due


@pytest.mark.parametrize(
    ("scores", "verdict"),
    [
        ([], Verdict.NOT_ENOUGH_DATA),
        ([6.0], Verdict.NOT_ENOUGH_DATA),
        ([6.0, 5.1], Verdict.SMALL_CHANGE),
        ([6.0, 5.0], Verdict.MEANINGFUL_FALL),
        ([6.0, 5.5, 4.0], Verdict.MEANINGFUL_FALL),
        ([3.0, 4.0], Verdict.MEANINGFUL_RISE),
    ],
)
def test_peg_change_about_one_point(scores: list[float], verdict: Verdict) -> None:
    points = [PegPoint(day(7 * i), s) for i, s in enumerate(scores)]
    change = peg_change(points)
    assert change.verdict is verdict
    assert change.source == PEG_RULE.source


def test_one_check_in_is_a_start_without_a_change() -> None:
    change = peg_change([PegPoint(day(0), 5.0)])
    assert (change.start, change.end, change.verdict) == (5.0, None, Verdict.NOT_ENOUGH_DATA)
    assert change.threshold == 4.0
    assert peg_change([]).start is None
