"""Adherence: sessions per day, this week's count, the current streak, and weeks.

Pure Python: no Django, no clock. Days come in already in the person's time
zone (see ``config.time_zones.local_day``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tracking.trends import TrendPoint, calendar_days, week_start


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


def adherence_strip(counts: Mapping[date, int], start: date, end: date) -> tuple[DayCount, ...]:
    """Sessions per calendar day, with zero for a day without one."""
    return tuple(DayCount(day, counts.get(day, 0)) for day in calendar_days(start, end))


def current_streak(days: Collection[date], today: date) -> int:
    """Consecutive days with at least one session, ending today.

    A day in progress does not break the streak: with nothing yet today the
    streak runs up to yesterday.
    """
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def sessions_in_week(counts: Mapping[date, int], today: date) -> int:
    """Sessions from Monday of this week to today."""
    first = week_start(today)
    return sum(n for day, n in counts.items() if first <= day <= today)


# --- long periods by week ------------------------------------------------------


@dataclass(frozen=True)
class WeekRow:
    """One week of a long period, for tables that would be too long by day."""

    start: date
    morning: float | None  # mean of the days that have a value
    sessions: int
    before: float | None
    after: float | None


def weekly_rows(points: Sequence[TrendPoint], counts: Sequence[DayCount]) -> tuple[WeekRow, ...]:
    """Fold days into Monday-to-Sunday weeks; session pairs weighted by their count."""
    sessions: dict[date, int] = {}
    for c in counts:
        sessions[week_start(c.day)] = sessions.get(week_start(c.day), 0) + c.count
    grouped: dict[date, list[TrendPoint]] = {}
    for p in points:
        grouped.setdefault(week_start(p.day), []).append(p)
    rows = []
    for start, week in sorted(grouped.items()):
        values = [p.value for p in week if p.value is not None]
        pairs = [p.pair for p in week if p.pair is not None]
        n = sum(pair.count for pair in pairs)
        rows.append(
            WeekRow(
                start=start,
                morning=sum(values) / len(values) if values else None,
                sessions=sessions.get(start, 0),
                before=sum(pair.before * pair.count for pair in pairs) / n if n else None,
                after=sum(pair.after * pair.count for pair in pairs) / n if n else None,
            )
        )
    return tuple(rows)
