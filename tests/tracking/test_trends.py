"""Trend maths: no database, no clock."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tracking.trends import (
    PEG_RULE,
    DayPair,
    DayValue,
    PegPoint,
    Period,
    SessionPair,
    Verdict,
    active_days,
    adherence_strip,
    baseline,
    build_trend,
    compare,
    current_streak,
    daily_pairs,
    describe_change,
    latest,
    local_day,
    peg_change,
    peg_due,
    peg_score,
    period_start,
    rolling_average,
    session_effect,
    sessions_in_week,
    week_start,
    weekly_rows,
)

D0 = date(2026, 3, 2)  # a Monday


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def series(*values: float | None) -> list[DayValue]:
    """Consecutive days from D0; None leaves the day out (a gap)."""
    return [DayValue(day(i), v) for i, v in enumerate(values) if v is not None]


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


# --- meaningful change ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "verdict"),
    [
        (6.0, 4.1, Verdict.SMALL_CHANGE),  # -1.9 points, 32 %
        (6.0, 4.0, Verdict.MEANINGFUL_FALL),  # -2.0 points, 33 %
        (6.1, 4.1, Verdict.MEANINGFUL_FALL),  # -2.0 points despite float rounding
        (10.0, 7.1, Verdict.SMALL_CHANGE),  # -2.9 points, 29 %
        (10.0, 7.0, Verdict.MEANINGFUL_FALL),  # -3.0 points, 30 %
        (9.0, 6.3, Verdict.MEANINGFUL_FALL),  # -2.7 points, 30 % exactly
        (8.0, 5.7, Verdict.SMALL_CHANGE),  # -2.3 points, 28.75 %
        (3.0, 1.0, Verdict.MEANINGFUL_FALL),
        (5.0, 5.0, Verdict.SMALL_CHANGE),
        (3.0, 5.0, Verdict.MEANINGFUL_RISE),
        (3.0, 4.9, Verdict.SMALL_CHANGE),
        (0.0, 0.0, Verdict.SMALL_CHANGE),  # no percentage of zero
        (0.0, 3.0, Verdict.SMALL_CHANGE),
        (None, 3.0, Verdict.NOT_ENOUGH_DATA),
        (6.0, None, Verdict.NOT_ENOUGH_DATA),
    ],
)
def test_compare_boundaries(start: float | None, end: float | None, verdict: Verdict) -> None:
    assert compare(start, end).verdict is verdict


@pytest.mark.parametrize(
    ("start", "threshold"),
    [(6.0, 4.0), (10.0, 7.0), (5.0, 3.0), (8.0, 5.6)],
)
def test_threshold_is_the_stricter_of_points_and_percent(start: float, threshold: float) -> None:
    assert compare(start, None).threshold == pytest.approx(threshold)


def test_change_delta_and_fraction() -> None:
    change = compare(6.0, 3.0)
    assert change.delta == -3.0
    assert change.fraction == -0.5
    assert change.meaningful
    assert "Farrar" in change.source


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (6.1, 3.4, "Morning pain fell from 6.1 to 3.4, a meaningful change."),
        (6.0, 5.0, "Morning pain fell from 6.0 to 5.0, not a meaningful change yet."),
        (3.0, 4.0, "Morning pain rose from 3.0 to 4.0, not a meaningful change yet."),
        (3.0, 6.0, "Morning pain rose from 3.0 to 6.0, a clear rise."),
        (4.02, 3.98, "Morning pain stayed at about 4.0."),
        (None, None, "There are not enough logs yet to show a trend in morning pain."),
    ],
)
def test_describe_change(start: float | None, end: float | None, text: str) -> None:
    assert describe_change("Morning pain", compare(start, end)) == text


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
    early = series(8, 8, 8)
    recent = [DayValue(day(60), 4.0)]
    trend = build_trend(recent, [], start=day(50), end=day(60), baseline_values=early)
    assert trend.baseline == 8.0
    assert trend.latest == 4.0


def test_build_trend_without_data() -> None:
    trend = build_trend([], [], start=day(0), end=day(6))
    assert trend.change.verdict is Verdict.NOT_ENOUGH_DATA
    assert all(p.value is None and p.rolling is None for p in trend.points)


# --- periods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "first", "expected"),
    [
        (Period.WEEKS_4, None, day(41) - timedelta(days=27)),
        (Period.WEEKS_6, day(0), day(0)),
        (Period.WEEKS_12, day(0), day(41) - timedelta(days=83)),
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


# --- sessions and adherence -------------------------------------------------------


def test_daily_pairs_average_sessions_of_a_day() -> None:
    sessions = [SessionPair(day(0), 6, 4), SessionPair(day(0), 4, 4), SessionPair(day(2), 5, 6)]
    assert daily_pairs(sessions) == (DayPair(day(0), 5.0, 4.0, 2), DayPair(day(2), 5.0, 6.0, 1))


def test_session_effect_is_mean_change() -> None:
    sessions = [SessionPair(day(0), 6, 4), SessionPair(day(0), 4, 4), SessionPair(day(2), 5, 6)]
    assert session_effect(sessions) == pytest.approx(-1 / 3)
    assert session_effect([]) is None


def test_adherence_strip_fills_zero_days() -> None:
    strip = adherence_strip({day(1): 2}, day(0), day(2))
    assert [(d.day, d.count) for d in strip] == [(day(0), 0), (day(1), 2), (day(2), 0)]


@pytest.mark.parametrize(
    ("offsets", "today", "streak"),
    [
        ([], 5, 0),
        ([5], 5, 1),
        ([3, 4, 5], 5, 3),
        ([3, 4], 5, 2),  # nothing yet today: the streak runs to yesterday
        ([2, 3], 5, 0),  # yesterday missed: broken
        ([0, 1, 3, 4, 5], 5, 3),
        ([6], 5, 0),  # a future day does not count
    ],
)
def test_current_streak(offsets: list[int], today: int, streak: int) -> None:
    assert current_streak({day(n) for n in offsets}, day(today)) == streak


def test_sessions_in_week_counts_from_monday() -> None:
    counts = {day(-1): 5, day(0): 2, day(3): 1, day(4): 9}
    assert week_start(day(3)) == day(0)
    assert sessions_in_week(counts, day(3)) == 3


# --- time zones and DST -----------------------------------------------------------

BERLIN = ZoneInfo("Europe/Berlin")
LONDON = ZoneInfo("Europe/London")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
AUCKLAND = ZoneInfo("Pacific/Auckland")


@pytest.mark.parametrize(
    ("instant", "tz", "expected"),
    [
        (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), BERLIN, date(2026, 3, 2)),
        (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), UTC, date(2026, 3, 1)),
        (datetime(2026, 3, 2, 7, 30, tzinfo=UTC), LOS_ANGELES, date(2026, 3, 1)),
        (datetime(2026, 3, 2, 11, 30, tzinfo=UTC), AUCKLAND, date(2026, 3, 3)),
        # London springs forward on 29 March 2026: 23:30 UTC is already 00:30 BST next day
        (datetime(2026, 3, 29, 23, 30, tzinfo=UTC), LONDON, date(2026, 3, 30)),
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), LONDON, date(2026, 3, 28)),
        # and falls back on 25 October 2026
        (datetime(2026, 10, 24, 23, 30, tzinfo=UTC), LONDON, date(2026, 10, 25)),
        (datetime(2026, 10, 25, 23, 30, tzinfo=UTC), LONDON, date(2026, 10, 25)),
    ],
)
def test_local_day(instant: datetime, tz: ZoneInfo, expected: date) -> None:
    assert local_day(instant, tz) == expected


def test_local_day_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError):
        local_day(datetime(2026, 3, 1, 12), UTC)


def test_streak_depends_on_the_persons_time_zone() -> None:
    # Evening sessions at 23:30 UTC: each is on the same UTC day, but the
    # next day in Berlin, so the Berlin streak includes "today" (3 March).
    instants = [datetime(2026, 3, d, 23, 30, tzinfo=UTC) for d in (1, 2)]
    assert current_streak(active_days(instants, UTC), date(2026, 3, 3)) == 2
    assert current_streak(active_days(instants, BERLIN), date(2026, 3, 3)) == 2
    assert current_streak(active_days(instants, UTC), date(2026, 3, 4)) == 0
    assert current_streak(active_days(instants, BERLIN), date(2026, 3, 4)) == 2


def test_streak_across_spring_forward() -> None:
    # One session a day at 00:30 local time around London's clock change;
    # the 23-hour day must not merge or drop a day.
    local_times = [datetime(2026, 3, d, 0, 30, tzinfo=LONDON) for d in range(27, 32)]
    instants = [t.astimezone(UTC) for t in local_times]
    days = active_days(instants, LONDON)
    assert days == {date(2026, 3, d) for d in range(27, 32)}
    assert current_streak(days, date(2026, 3, 31)) == 5


def test_streak_across_fall_back_with_repeated_hour() -> None:
    # 25 October 2026 has 25 hours in London; two sessions in the repeated
    # 01:xx hour are the same day, and the days either side still join up.
    instants = [
        datetime(2026, 10, 24, 8, 0, tzinfo=LONDON),
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # 01:30 BST
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # 01:30 GMT
        datetime(2026, 10, 26, 8, 0, tzinfo=LONDON),
    ]
    days = active_days(instants, LONDON)
    assert days == {date(2026, 10, 24), date(2026, 10, 25), date(2026, 10, 26)}
    assert current_streak(days, date(2026, 10, 26)) == 3


def test_streak_across_southern_hemisphere_dst() -> None:
    # Auckland moves clocks back on 5 April 2026.
    instants = [datetime(2026, 4, d, 21, 0, tzinfo=AUCKLAND) for d in range(3, 8)]
    days = active_days(instants, AUCKLAND)
    assert current_streak(days, date(2026, 4, 7)) == 5


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


# --- long periods by week ------------------------------------------------------------


def test_weekly_rows_fold_days_into_monday_weeks() -> None:
    morning = series(4, 6, None, None, None, None, None, 2)
    pairs = [DayPair(day(0), 6, 4, 2), DayPair(day(1), 3, 3, 1), DayPair(day(8), 5, 5, 1)]
    trend = build_trend(morning, pairs, start=day(0), end=day(9))
    counts = adherence_strip({day(0): 2, day(1): 1, day(8): 1}, day(0), day(9))
    first, second = weekly_rows(trend.points, counts)
    assert (first.start, first.morning, first.sessions) == (day(0), 5.0, 3)
    assert (first.before, first.after) == (pytest.approx(5.0), pytest.approx(11 / 3))
    assert (second.start, second.morning, second.sessions) == (day(7), 2.0, 1)


def test_weekly_rows_keep_empty_weeks_empty() -> None:
    trend = build_trend([], [], start=day(0), end=day(6))
    (row,) = weekly_rows(trend.points, adherence_strip({}, day(0), day(6)))
    assert (row.morning, row.sessions, row.before, row.after) == (None, 0, None, None)
