"""Sessions per day, streaks across time zones and clock changes, weeks. No database."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from config.time_zones import local_day
from tests.tracking.days import day, series
from tracking.adherence import (
    adherence_strip,
    current_streak,
    sessions_in_week,
    weekly_rows,
)
from tracking.trends import DayPair, build_trend, week_start

BERLIN = ZoneInfo("Europe/Berlin")
LONDON = ZoneInfo("Europe/London")
AUCKLAND = ZoneInfo("Pacific/Auckland")


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


def active_days(instants, tz) -> frozenset[date]:
    """The local days with a session, as the dashboard groups them."""
    return frozenset(local_day(instant, tz) for instant in instants)


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
