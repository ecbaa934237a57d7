"""Trend maths: rolling averages, baseline, the whole trend, periods. No database, no clock."""

from datetime import date

import pytest

from tests.tracking.days import day, series
from tracking.change import Verdict
from tracking.trends import (
    DayPair,
    DayValue,
    NotBetter,
    NotBetterKind,
    Period,
    SessionPair,
    baseline,
    build_trend,
    daily_pairs,
    latest,
    not_getting_better,
    period_start,
    rolling_average,
    session_effect,
)

# --- rolling average --------------------------------------------------------


def test_rolling_average_of_full_week_is_plain_mean() -> None:
    values = series(1, 2, 3, 4, 5, 6, 7)
    assert rolling_average(values, day(6), day(6)) == ((day(6), 4.0),)


def test_rolling_average_skips_missing_days_instead_of_counting_zero() -> None:
    values = series(4, None, 4, None, 4, 4, None)
    assert rolling_average(values, day(6), day(6)) == ((day(6), 4.0),)


def test_rolling_average_is_gap_when_too_few_days_in_window() -> None:
    values = series(5, None, None, None, None, 6, 7)
    assert rolling_average(values, day(6), day(6)) == ((day(6), None),)


def test_rolling_average_uses_days_before_start() -> None:
    values = series(2, 2, 2, 2, 2, 2, 9)
    (only,) = rolling_average(values, day(6), day(6), min_points=1)
    assert only[1] == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("min_points", "expected"),
    [(1, [5.0, 5.5, 5.5, 5.5]), (2, [None, 5.5, 5.5, 5.5]), (3, [None, None, None, None])],
)
def test_rolling_average_min_points(min_points: int, expected: list[float | None]) -> None:
    values = series(5, 6)
    result = rolling_average(values, day(0), day(3), min_points=min_points)
    assert [v for _, v in result] == expected


def test_rolling_average_over_long_gap_is_none_then_resumes() -> None:
    values = series(*([5] * 7 + [None] * 10 + [3] * 7))
    result = dict(rolling_average(values, day(0), day(23)))
    assert result[day(6)] == 5.0
    assert result[day(12)] is None
    assert result[day(23)] == 3.0


def test_rolling_average_reads_each_window_and_nothing_around_it() -> None:
    # Day 4 is just before the first window (days 5-7), day 9 just after the last.
    values = series(1, 1, 1, 1, 100, 2, 4, 6, 8, 100)
    assert rolling_average(values, day(7), day(8), window=3, min_points=1) == (
        (day(7), 4.0),
        (day(8), 6.0),
    )
    assert rolling_average(values, day(8), day(7)) == ()


# --- baseline and latest ------------------------------------------------------


def test_baseline_is_mean_of_first_seven_calendar_days() -> None:
    values = series(6, 6, None, 7, 5, 6, 6, 1, 1)
    assert baseline(values) == pytest.approx(6.0)


def test_baseline_starts_at_first_log_not_at_period() -> None:
    values = [DayValue(day(10), 8), DayValue(day(12), 6), DayValue(day(17), 1)]
    assert baseline(values) == 7.0


def test_baseline_of_nothing_is_none() -> None:
    assert baseline([]) is None


def test_latest_is_mean_of_last_seven_days_with_data() -> None:
    values = series(9, 9, 9, 9, 9, 9, 9, 9, 4, 4, 3, None, 3, 3, 3)
    assert latest(values) == pytest.approx(20 / 6)


# --- whole trend -------------------------------------------------------------------


def test_build_trend_keeps_gaps_as_none() -> None:
    morning = series(6, 6, 6, None, 6, 6, 6, 5)
    pairs = [DayPair(day(1), 5, 3, 2)]
    trend = build_trend(morning, pairs, start=day(0), end=day(9))
    assert len(trend.points) == 10
    assert trend.points[3].value is None
    assert trend.points[9].value is None
    assert trend.points[1].pair == pairs[0]
    assert trend.points[0].pair is None
    assert trend.baseline == 6.0


def test_build_trend_describes_the_period() -> None:
    morning = series(*([6.1] * 7 + [5] * 21 + [3.4] * 7))
    trend = build_trend(morning, [], start=day(0), end=day(34))
    assert trend.description == "Morning pain fell from 6.1 to 3.4, a meaningful change."
    assert trend.change.verdict is Verdict.MEANINGFUL_FALL


def test_build_trend_uses_given_baseline_week() -> None:
    early = series(8, 8, 8, 8, 8, 8, 8, 2, 2)  # the first week, then two more days
    recent = [DayValue(day(60), 4.0)]
    trend = build_trend(recent, [], start=day(50), end=day(60), baseline_values=early)
    assert trend.baseline == 8.0
    assert trend.latest == 4.0
    assert trend.logged_days == 9


@pytest.mark.parametrize(
    ("days", "headline", "baseline"),
    [
        (1, "Your first trend appears after a week of morning logs: 1 of 7 so far", None),
        (3, "Your first trend appears after a week of morning logs: 3 of 7 so far", None),
        (6, "Your first trend appears after a week of morning logs: 6 of 7 so far", None),
        (7, "Morning pain is about the same as when you started: 4.0", 4.0),
    ],
)
def test_build_trend_waits_for_a_week_of_morning_logs(
    days: int, headline: str, baseline: float | None
) -> None:
    """Day-one honesty: no baseline and no change before 7 days with a morning log."""
    morning = series(*[4] * days)
    trend = build_trend(morning, [], start=day(0), end=day(days - 1))
    assert trend.headline() == headline
    assert trend.baseline == baseline
    assert trend.ready is (days >= 7)
    if days < 7:
        assert trend.change.verdict is Verdict.NOT_ENOUGH_DATA


def test_build_trend_headline_speaks_to_the_clinician() -> None:
    assert build_trend(series(4), [], start=day(0), end=day(0)).headline("they") == (
        "Their first trend appears after a week of morning logs: 1 of 7 so far"
    )
    morning = series(*[6] * 7, *[3.7] * 7)
    assert build_trend(morning, [], start=day(0), end=day(13)).headline("they") == (
        "Morning pain is down 38\N{NO-BREAK SPACE}%"
        " since they started: 6.0 → 3.7, a meaningful change"
    )


def test_build_trend_counts_only_days_up_to_its_end() -> None:
    morning = series(*[4] * 7)
    assert build_trend(morning, [], start=day(0), end=day(5)).logged_days == 6


def test_build_trend_without_data() -> None:
    trend = build_trend([], [], start=day(0), end=day(6))
    assert trend.change.verdict is Verdict.NOT_ENOUGH_DATA
    assert all(p.value is None and p.rolling is None for p in trend.points)


# --- not getting better -------------------------------------------------------

NO_FALL, RISE = NotBetterKind.NO_FALL, NotBetterKind.RISE


def first_and_sixth_week(first: float, sixth: float) -> list[DayValue]:
    """Days 0-6 at `first`, nothing in between, days 35-41 at `sixth`."""
    return series(*[first] * 7, *[None] * 28, *[sixth] * 7)


def first_and_second_week(first: float, second: float) -> list[DayValue]:
    return series(*[first] * 7, *[second] * 7)


@pytest.mark.parametrize(
    ("morning", "today", "expected"),
    [
        # Nothing logged, or fewer than 7 days of logs: no baseline, no advice.
        ([], day(60), None),
        (series(5, 5, 5, 5, 5, 5), day(60), None),
        (series(2, 2, 2, *[None] * 47, 8, 8, 8), day(60), None),
        (series(2, 2, 2, *[None] * 47, 8, 8, 8, 8), day(60), NotBetter(RISE, 2.0, 8.0, 8)),
        # Flat pain: day 41 is too soon, day 42 is six weeks.
        (first_and_sixth_week(5, 5), day(41), None),
        (first_and_sixth_week(5, 5), day(42), NotBetter(NO_FALL, 5.0, 5.0, 6)),
        (first_and_sixth_week(5, 5), day(49), NotBetter(NO_FALL, 5.0, 5.0, 7)),
        # Either 2 points or 30 % is a meaningful fall (PRODUCT.md: "2 points or 30 %").
        (first_and_sixth_week(9, 7.0), day(42), None),  # 2 points, 22 %
        (first_and_sixth_week(9, 7.1), day(42), NotBetter(NO_FALL, 9.0, 7.1, 6)),  # 1.9, 21 %
        (first_and_sixth_week(5, 3.5), day(42), None),  # 1.5 points, 30 %
        (first_and_sixth_week(5, 3.6), day(42), NotBetter(NO_FALL, 5.0, 3.6, 6)),  # 1.4, 28 %
        # A rise counts from the second week on: 30 % (1.2 points) does, 27.5 % does not.
        (first_and_second_week(4, 5.2), day(13), NotBetter(RISE, 4.0, 5.2, 1)),
        (first_and_second_week(4, 5.1), day(13), None),
        # 2 points (28.6 %) do; 1.9 points (27 %) do not.
        (first_and_second_week(7, 9), day(13), NotBetter(RISE, 7.0, 9.0, 1)),
        (first_and_second_week(7, 8.9), day(13), None),
        # Within the first week the latest week is the baseline: nothing to compare yet.
        (series(2, 8, 8, 8, 8, 8, 8), day(6), None),
        # After six weeks a rise is named as a rise.
        (first_and_sixth_week(4, 6.5), day(42), NotBetter(RISE, 4.0, 6.5, 6)),
        # Logs dated after today are not read.
        (first_and_second_week(4, 6), day(6), None),
    ],
)
def test_not_getting_better(
    morning: list[DayValue], today: date, expected: NotBetter | None
) -> None:
    assert not_getting_better(morning, today) == expected


@pytest.mark.parametrize(
    ("advice", "words"),
    [
        (NotBetter(NO_FALL, 5.0, 5.0, 6), "Your morning pain has not fallen much in 6 weeks"),
        (NotBetter(NO_FALL, 5.0, 4.0, 9), "Your morning pain has not fallen much in 9 weeks"),
        (
            NotBetter(RISE, 4.0, 6.5, 2),
            "Your morning pain is higher than when you started: 4.0 → 6.5",
        ),
        (
            NotBetter(RISE, 3.14, 5.16, 2),
            "Your morning pain is higher than when you started: 3.1 → 5.2",
        ),
    ],
)
def test_not_getting_better_reason_in_words(advice: NotBetter, words: str) -> None:
    assert advice.reason == words
    assert advice.headline == "See your GP or physio"
    assert advice.reassurance == (
        "This is not an emergency. Keep moving gently unless a stretch makes it worse."
    )


# --- periods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "first", "expected"),
    [
        # Every period starts at the first log at the earliest; no logs: today.
        (Period.WEEKS_4, None, day(41)),
        (Period.WEEKS_4, day(0), day(14)),
        (Period.WEEKS_6, day(0), day(0)),
        (Period.WEEKS_6, day(1), day(1)),
        (Period.WEEKS_12, day(0), day(0)),
        (Period.WEEKS_12, day(30), day(30)),
        (Period.ALL, day(3), day(3)),
        (Period.ALL, None, day(41)),
    ],
)
def test_period_start(period: Period, first: date | None, expected: date) -> None:
    assert period_start(period, day(41), first) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4w", Period.WEEKS_4),
        ("all", Period.ALL),
        ("", Period.WEEKS_6),
        (None, Period.WEEKS_6),
        ("9y", Period.WEEKS_6),
    ],
)
def test_period_parse(raw: str | None, expected: Period) -> None:
    assert Period.parse(raw) is expected


# --- sessions -------------------------------------------------------


def test_daily_pairs_average_sessions_of_a_day() -> None:
    sessions = [SessionPair(day(0), 6, 4), SessionPair(day(0), 4, 4), SessionPair(day(2), 5, 6)]
    assert daily_pairs(sessions) == (DayPair(day(0), 5.0, 4.0, 2), DayPair(day(2), 5.0, 6.0, 1))


def test_session_effect_is_mean_change() -> None:
    sessions = [SessionPair(day(0), 6, 4), SessionPair(day(0), 4, 4), SessionPair(day(2), 5, 6)]
    assert session_effect(sessions) == pytest.approx(-1 / 3)
    assert session_effect([]) is None
