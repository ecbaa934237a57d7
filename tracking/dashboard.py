"""Reads a person's logs into the trend dataclasses, for the dashboard and the report.

The database groups rows per local day, so the number of queries is the same
for a week or for five years of history; trends.py does the maths on the
(at most one per day) rows that come back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cached_property
from typing import Any

from django.utils import timezone

from config.sql import Beside
from config.time_zones import local_day, start_of_day
from routines.today import weekly_target
from tracking import charts, series, tables, trends
from tracking.adherence import DayCount, WeekRow, adherence_strip, sessions_in_week, weekly_rows
from tracking.change import Change, describe_change
from tracking.models import StopSignal
from tracking.peg_trend import PegPoint, peg_change, peg_due, peg_score
from tracking.trends import week_start

# Rows of per-day session counts fetched at a time while looking for the
# end of the streak.
STREAK_CHUNK = 400
# Days before the period read first when looking for the end of the streak.
STREAK_LOOKBACK = 31
# Up to this many days the table beside the chart has a row per day.
DAILY_TABLE_DAYS = 31
# A week with this many sessions or more is shaded full in the strip.
WEEK_FULL = 10
# Computed figures are kept this long at most; a write changes the key anyway.
CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Adherence:
    strip: tuple[DayCount, ...]
    streak: int
    this_week: int
    weekly_target: int
    total: int

    @property
    def planned_done(self) -> int:
        """This week's planned sessions done: never more than were planned."""
        return min(self.this_week, self.weekly_target)

    @property
    def beyond_plan(self) -> int:
        """Sessions this week past the plan ("7 of 7, and 2 more")."""
        return max(0, self.this_week - self.weekly_target)


@dataclass(frozen=True)
class Peg:
    points: tuple[PegPoint, ...]
    change: Change
    description: str
    due: bool
    latest: PegPoint | None


@dataclass(frozen=True)
class Progress:
    """Everything the dashboard and the clinician report show for one period."""

    period: trends.Period
    today: date
    trend: trends.Trend
    session_effect: float | None
    session_count: int
    adherence: Adherence
    peg: Peg
    stop_signals: tuple[Any, ...]
    has_logs: bool
    not_better: trends.NotBetter | None  # "see your GP or physio", from all morning logs

    chart: str = ""  # the SVG markup, drawn once and kept with the figures
    peg_chart: str = ""

    @property
    def weekly(self) -> bool:
        """Periods longer than a month list their numbers by week, not by day."""
        return len(self.trend.points) > DAILY_TABLE_DAYS

    @property
    def strip_by_week(self) -> bool:
        """Long periods shade the adherence strip by week: a day would be a hairline."""
        return len(self.trend.points) > charts.DAILY_PAIR_LIMIT

    @cached_property
    def weeks(self) -> tuple[WeekRow, ...]:
        return weekly_rows(self.trend.points, self.adherence.strip)

    @property
    def table_rows(self) -> str:
        """The chart's numbers: a row per week for long periods, per day otherwise."""
        return (
            tables.weekly_rows(self.weeks) if self.weekly else tables.daily_rows(self.trend.points)
        )

    @property
    def strip_chart(self) -> str:
        if self.strip_by_week:
            counts = [w.sessions for w in self.weeks]
            levels = [0 if n == 0 else 1 if n < WEEK_FULL else 2 for n in counts]
            unit = "week"
        else:
            counts = [d.count for d in self.adherence.strip]
            levels = [min(n, 2) for n in counts]
            unit = "day"
        active, total = sum(1 for n in counts if n), len(counts)
        title = f"Sessions per {unit}, oldest first: {active} of {total} {unit}s had a session."
        return charts.adherence_chart(levels, title=title)


@dataclass(frozen=True)
class Mornings:
    """What the figures read of every morning ever, without reading them all."""

    rows: list[trends.DayValue]  # the first week, the days from ``since``, the last week
    # Days with a morning log up to today: exact below BASELINE_DAYS, which is all
    # the figures ask of it ("3 of 7 so far"), and at least that many otherwise.
    logged_days: int


def _tomorrow(today: date, tz: tzinfo) -> datetime:
    """Where the figures' reads end: the start of the person's next day."""
    return start_of_day(today + timedelta(days=1), tz)


def _mornings(
    user: Any, tz: tzinfo, since: date | None, today: date, span: series.Span | None = None
) -> Mornings:
    """Two queries whatever the length of the history: the first and last log (unless
    ``span`` holds them already), then a row per day of the first week, of the period
    and of the last week. A third counts the days logged only when those rows hold
    fewer than a week of days."""
    tomorrow = _tomorrow(today, tz)
    first_at, last_at = span or series.morning_span(user.pk, tomorrow)
    if first_at is None or last_at is None:
        return Mornings([], 0)
    first, last = local_day(first_at, tz), local_day(last_at, tz)
    start = since if since is not None and since > first else first
    windows: list[tuple[datetime, datetime | None]] = [
        (start_of_day(start, tz), tomorrow),
        (start_of_day(first, tz), start_of_day(first + timedelta(days=trends.BASELINE_DAYS), tz)),
        (start_of_day(last - timedelta(days=trends.ROLLING_WINDOW - 1), tz), None),
    ]
    rows = [trends.DayValue(d, mean) for d, mean in series.morning_means(user.pk, tz, windows)]
    days = sum(1 for r in rows if r.day <= today)
    if days < trends.BASELINE_DAYS:
        days = series.morning_days(user.pk, tz, tomorrow)
    return Mornings(rows, days)


def _session_pairs(user: Any, tz: tzinfo, since: date | None) -> list[trends.SessionPair]:
    """One row per session that has both a before and an after log (since a day, or ever)."""
    moment = None if since is None else start_of_day(since, tz)
    return [
        trends.SessionPair(day, before, after)
        for day, before, after in series.session_pairs(user.pk, tz, moment)
    ]


def _recent_sessions(
    user: Any, tz: tzinfo, floor: date, today: date
) -> tuple[dict[date, int], int]:
    """Sessions per day from ``floor`` to ``today``, and the current streak.

    Newest day first, read only as far as it matters: from a month before
    ``floor``, past which rows are read just until the streak breaks, so five
    years of history cost about what six weeks do. Only a streak that runs
    back past that month costs a second query, over every day.
    """
    if floor - date.min <= timedelta(days=STREAK_LOOKBACK):  # every day: one query
        return _count_back(series.sessions_per_day(user.pk, tz, STREAK_CHUNK), floor, today)
    lookback = floor - timedelta(days=STREAK_LOOKBACK)
    since = start_of_day(lookback, tz)
    rows = series.sessions_per_day(user.pk, tz, STREAK_CHUNK, since)
    counts, streak = _count_back(rows, floor, today)
    if streak and today - timedelta(days=streak) <= lookback:
        every_day = series.sessions_per_day(user.pk, tz, STREAK_CHUNK)
        counts, streak = _count_back(every_day, floor, today)
    return counts, streak


def _count_back(
    rows: Iterable[tuple[date, int]], floor: date, today: date
) -> tuple[dict[date, int], int]:
    """Sessions per day from ``floor`` and the streak up to ``today``, from days newest first."""
    counts: dict[date, int] = {}
    streak, expected, broken = 0, today, False
    for day, n in rows:
        if day > today:
            continue
        if not broken:
            # A day in progress does not break the streak: it may start yesterday.
            if day == expected or (streak == 0 and day == today - timedelta(days=1)):
                streak += 1
                expected = day - timedelta(days=1)
            else:
                broken = True
        if day >= floor:
            counts[day] = n
        elif broken:
            break
    return counts, streak


def _pegs(user: Any, tz: tzinfo, since: date | None) -> list[PegPoint]:
    """The check-ins from ``since`` (or ever), with the first and the latest ever,
    which the change is judged by: one query, however long the history."""
    moment = None if since is None else start_of_day(since, tz)
    return [
        PegPoint(local_day(at, tz), peg_score(p, e, a))
        for at, p, e, a in series.checkins(user.pk, moment)
    ]


def _stop_signals(user: Any, tz: tzinfo, since: date) -> tuple[Any, ...]:
    return tuple(
        StopSignal.objects.filter(session__user=user, created_at__gte=start_of_day(since, tz))
        .select_related("session")
        .order_by("-created_at")[:20]
    )


def not_better_for(user: Any, tz: tzinfo, today: date) -> trends.NotBetter | None:
    """Whether the person's morning pain says to see a clinician: two small queries."""
    mornings = _mornings(user, tz, today, today)
    return trends.not_getting_better(mornings.rows, today, logged_days=mornings.logged_days)


@dataclass(frozen=True)
class Advice:
    """A plain message for the top of Today; never a block."""

    headline: str
    reason: str
    detail: str


def see_clinician_note(user: Any, today: date) -> Advice | None:
    """The same advice for the top of Today."""
    found = not_better_for(user, timezone.get_current_timezone(), today)
    return None if found is None else Advice(found.headline, found.reason, found.reassurance)


def progress_for(
    user: Any,
    period: trends.Period,
    *,
    now: datetime,
    tz: tzinfo,
    target: int | None = None,
    stops: bool = True,
    detail: bool = True,
    span: series.Span | None = None,
) -> Progress:
    """The figures for one period; ``target`` is the weekly target and ``span`` the
    first and last morning log before tomorrow, when already read.

    ``stops=False`` leaves out the stop signals, which only the report lists;
    ``detail=False`` draws the trend without sessions and no PEG-3 chart.
    Every morning ever is read once, a row per day (the database groups them):
    the baseline week, the count of days logged, the "see your GP" check and
    the period's points all come from those rows.
    """
    today = local_day(now, tz)
    window = trends.period_window(period, today)
    # Six days before the window feed the first 7-day averages.
    feed = None if window is None else window - timedelta(days=trends.ROLLING_WINDOW - 1)
    mornings = _mornings(user, tz, feed, today, span)
    every_morning = mornings.rows
    sessions = _session_pairs(user, tz, window)
    per_day, streak = _recent_sessions(user, tz, min(window or date.min, week_start(today)), today)
    # The period starts at the first log: a morning, a session, or a session's pain scores.
    firsts = [rows[0].day for rows in (every_morning, sessions) if rows]
    firsts += sorted(day for day in per_day if day >= (window or date.min))[:1]
    start = trends.period_start(period, today, min(firsts) if firsts else today)
    sessions = [s for s in sessions if s.day >= start]
    # Six days before the start feed the first 7-day averages.
    feed_from = start - timedelta(days=trends.ROLLING_WINDOW - 1)
    morning = [v for v in every_morning if v.day >= feed_from]
    trend = trends.build_trend(
        morning,
        trends.daily_pairs(sessions),
        start=start,
        end=today,
        baseline_values=every_morning,
        logged_days=mornings.logged_days,
    )
    strip = adherence_strip(per_day, start, today)
    adherence = Adherence(
        strip=strip,
        streak=streak,
        this_week=sessions_in_week(per_day, today),
        weekly_target=weekly_target(user, today) if target is None else target,
        total=sum(d.count for d in strip),
    )
    peg = _peg_summary(_pegs(user, tz, window), start, today)
    return Progress(
        period=period,
        today=today,
        trend=trend,
        session_effect=trends.session_effect(sessions),
        session_count=len(sessions),
        adherence=adherence,
        peg=peg,
        stop_signals=_stop_signals(user, tz, start) if stops else (),
        has_logs=bool(every_morning),
        not_better=trends.not_getting_better(
            every_morning, today, logged_days=mornings.logged_days
        ),
        chart=charts.trend_chart(trend, sessions=detail),
        peg_chart=(
            charts.peg_chart(peg.points, peg.change, description=peg.description) if detail else ""
        ),
    )


@dataclass(frozen=True)
class CacheSlot:
    """Where figures for one person, period, time zone and day are kept, with what
    the statement behind the key read besides (``tracking.series.PersonKey``)."""

    key: str
    person: series.PersonKey


def person_read(user: Any, today: date, tz: tzinfo) -> Beside:
    """The statement behind ``cache_slot``'s key (``tracking.series.person_key_read``)."""
    return series.person_key_read(user, today, _tomorrow(today, tz))


def cache_slot(
    user: Any,
    what: str,
    period: trends.Period,
    tz: tzinfo,
    today: date,
    person_row: tuple[Any, ...],
) -> CacheSlot:
    """The key holds the person's data version (``person_row``, the row of
    ``person_read``), bumped by every write the figures read in the same
    transaction as the write, so a stale figure is never shown, whichever worker
    process answers. The weekly target follows the stage table, the stage
    decisions and the person's choice, which routines writes, so it is read fresh
    and is part of the key.
    """
    person = series.person_key_of(person_row)
    key = ":".join(
        (
            "tracking",
            what,
            str(user.pk),
            # Guards against a number reused for another account (a restored backup).
            str(int(user.date_joined.timestamp() * 1_000_000)),
            str(person.version),
            str(person.weekly_target),
            period.value,
            str(tz),
            today.isoformat(),
        )
    )
    return CacheSlot(key, person)


def _peg_summary(points: list[PegPoint], start: date, today: date) -> Peg:
    """Chart the period's check-ins; judge change from the first check-in ever."""
    change = peg_change(points)
    latest = points[-1] if points else None
    return Peg(
        points=tuple(p for p in points if p.day >= start),
        change=change,
        description=describe_change("The PEG-3 score", change, records="check-ins"),
        due=peg_due(latest.day if latest else None, today),
        latest=latest,
    )
