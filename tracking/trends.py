"""Trend maths for the dashboard and the clinician report.

Pure Python: no Django, no clock. Rows come in already aggregated per day (the
database does the grouping); this module fills the calendar, keeps missing
days as gaps, and decides whether a change is meaningful.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

__all__ = [
    "BASELINE_DAYS",
    "MIN_ROLLING_POINTS",
    "PAIN_RULE",
    "PEG_RULE",
    "ROLLING_WINDOW",
    "Change",
    "DayCount",
    "DayPair",
    "DayValue",
    "PegPoint",
    "Period",
    "SessionPair",
    "Trend",
    "TrendPoint",
    "Verdict",
    "WeekRow",
    "active_days",
    "adherence_strip",
    "baseline",
    "build_trend",
    "compare",
    "current_streak",
    "daily_pairs",
    "describe_change",
    "latest",
    "local_day",
    "peg_change",
    "peg_due",
    "peg_score",
    "period_start",
    "rolling_average",
    "session_effect",
    "sessions_in_week",
    "week_start",
    "weekly_rows",
]

ROLLING_WINDOW = 7
# A 7-day average drawn from one or two days would swing on a single bad
# morning; four days is more than half the week.
MIN_ROLLING_POINTS = 4
BASELINE_DAYS = 7
PEG_INTERVAL_DAYS = 7
# Float sums such as 6.1 - 4.1 land a hair off the boundary; compare with a
# tolerance so that -2.0 and 30 % count as they read.
_EPSILON = 1e-9


class Period(StrEnum):
    WEEKS_4 = "4w"
    WEEKS_6 = "6w"
    WEEKS_12 = "12w"
    ALL = "all"

    @property
    def label(self) -> str:
        return {"4w": "4 weeks", "6w": "6 weeks", "12w": "12 weeks", "all": "All"}[self.value]

    @property
    def weeks(self) -> int | None:
        return {"4w": 4, "6w": 6, "12w": 12, "all": None}[self.value]

    @classmethod
    def parse(cls, raw: str | None, default: Period | None = None) -> Period:
        """An unknown value falls back to the default (6 weeks)."""
        try:
            return cls(raw or "")
        except ValueError:
            return default or cls.WEEKS_6


class Verdict(StrEnum):
    NOT_ENOUGH_DATA = "not-enough-data"
    MEANINGFUL_FALL = "meaningful-fall"
    SMALL_CHANGE = "small-change"
    MEANINGFUL_RISE = "meaningful-rise"


@dataclass(frozen=True)
class ChangeRule:
    """How big a change must be to matter to the person, not just to a chart."""

    min_points: float
    min_fraction: float  # 0 means: points alone decide
    source: str


PAIN_RULE = ChangeRule(
    min_points=2.0,
    min_fraction=0.30,
    source="Farrar et al. 2001, Pain 94:149; Ostelo et al. 2008, Spine 33:90",
)
PEG_RULE = ChangeRule(
    min_points=1.0,
    min_fraction=0.0,
    source="Krebs et al. 2009, J Gen Intern Med 24:733 (PEG); Reed et al. 2023 (about 1 point)",
)


@dataclass(frozen=True)
class DayValue:
    """One calendar day's value, e.g. that day's mean morning pain."""

    day: date
    value: float


@dataclass(frozen=True)
class SessionPair:
    """Pain before and after one session."""

    day: date
    before: float
    after: float


@dataclass(frozen=True)
class DayPair:
    """The sessions of one day, before and after averaged."""

    day: date
    before: float
    after: float
    count: int

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class PegPoint:
    day: date
    score: float


@dataclass(frozen=True)
class TrendPoint:
    """A calendar day on the chart; None marks a gap, never a zero."""

    day: date
    value: float | None
    rolling: float | None
    pair: DayPair | None = None


@dataclass(frozen=True)
class WeekRow:
    """One week of a long period, for tables that would be too long by day."""

    start: date
    morning: float | None  # mean of the days that have a value
    sessions: int
    before: float | None
    after: float | None


@dataclass(frozen=True)
class Change:
    start: float | None
    end: float | None
    verdict: Verdict
    threshold: float | None  # the value at or below which a fall is meaningful
    source: str

    @property
    def delta(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start

    @property
    def fraction(self) -> float | None:
        if self.delta is None or not self.start:
            return None
        return self.delta / self.start

    @property
    def percent(self) -> int | None:
        """Size of the change as a whole percentage of the start, without sign."""
        return None if self.fraction is None else round(abs(self.fraction) * 100)

    @property
    def meaningful(self) -> bool:
        return self.verdict is Verdict.MEANINGFUL_FALL


@dataclass(frozen=True)
class Trend:
    start: date
    end: date
    points: tuple[TrendPoint, ...]
    baseline: float | None
    latest: float | None
    change: Change
    description: str


# --- calendar helpers ----------------------------------------------------


def _days(start: date, end: date) -> Iterable[date]:
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


def period_start(period: Period, today: date, first_day: date | None) -> date:
    """First calendar day shown for a period ending today.

    "All" starts at the first log; a period never starts after today.
    """
    if period.weeks is None:
        return min(first_day or today, today)
    return today - timedelta(days=7 * period.weeks - 1)


def week_start(today: date) -> date:
    """Monday of today's week (ISO weeks, as most calendars outside the US)."""
    return today - timedelta(days=today.weekday())


def local_day(instant: datetime, tz: tzinfo) -> date:
    """The calendar day an aware instant falls on in the person's time zone."""
    if instant.tzinfo is None:
        raise ValueError("local_day needs an aware datetime")
    return instant.astimezone(tz).date()


def active_days(instants: Iterable[datetime], tz: tzinfo) -> frozenset[date]:
    return frozenset(local_day(instant, tz) for instant in instants)


# --- morning pain ----------------------------------------------------------


def rolling_average(
    values: Sequence[DayValue],
    start: date,
    end: date,
    *,
    window: int = ROLLING_WINDOW,
    min_points: int = MIN_ROLLING_POINTS,
) -> tuple[tuple[date, float | None], ...]:
    """Trailing mean over `window` calendar days for each day start..end.

    Missing days are left out of the mean, not counted as zero; a window with
    fewer than `min_points` values gives None (a gap in the line).
    Values before `start` still feed the first windows.
    """
    by_day = {v.day: v.value for v in values}
    out: list[tuple[date, float | None]] = []
    for day in _days(start, end):
        window_values = [
            by_day[d] for d in (day - timedelta(days=k) for k in range(window)) if d in by_day
        ]
        mean = sum(window_values) / len(window_values) if len(window_values) >= min_points else None
        out.append((day, mean))
    return tuple(out)


def baseline(values: Sequence[DayValue], *, days: int = BASELINE_DAYS) -> float | None:
    """Mean of the days with a value in the first `days` calendar days of logs."""
    if not values:
        return None
    first = min(v.day for v in values)
    last = first + timedelta(days=days - 1)
    window = [v.value for v in values if first <= v.day <= last]
    return sum(window) / len(window)


def latest(values: Sequence[DayValue], *, days: int = ROLLING_WINDOW) -> float | None:
    """Mean of the last `days` calendar days that end on the last day with a value."""
    if not values:
        return None
    last = max(v.day for v in values)
    first = last - timedelta(days=days - 1)
    window = [v.value for v in values if first <= v.day <= last]
    return sum(window) / len(window)


def compare(start: float | None, end: float | None, rule: ChangeRule = PAIN_RULE) -> Change:
    """Is the change from `start` to `end` meaningful under `rule`?

    A fall counts when it is at least `min_points` and at least `min_fraction`
    of the starting value; a rise of the same size is flagged as well.
    """
    threshold = None
    if start is not None:
        threshold = start - rule.min_points
        if rule.min_fraction:
            threshold = min(threshold, start * (1 - rule.min_fraction))
    if start is None or end is None:
        return Change(start, end, Verdict.NOT_ENOUGH_DATA, threshold, rule.source)
    delta = end - start
    size = abs(delta)
    big_enough = size >= rule.min_points - _EPSILON
    if rule.min_fraction:
        big_enough = big_enough and start > 0 and size / start >= rule.min_fraction - _EPSILON
    if big_enough and delta < 0:
        verdict = Verdict.MEANINGFUL_FALL
    elif big_enough:
        verdict = Verdict.MEANINGFUL_RISE
    else:
        verdict = Verdict.SMALL_CHANGE
    return Change(start, end, verdict, threshold, rule.source)


def describe_change(subject: str, change: Change) -> str:
    """One plain sentence, e.g. "Morning pain fell from 6.1 to 3.4, a meaningful change."."""
    if change.start is None or change.end is None:
        return (
            f"There are not enough logs yet to show a trend in {subject[:1].lower()}{subject[1:]}."
        )
    start, end = f"{change.start:.1f}", f"{change.end:.1f}"
    if start == end:
        return f"{subject} stayed at about {start}."
    if change.verdict is Verdict.MEANINGFUL_FALL:
        return f"{subject} fell from {start} to {end}, a meaningful change."
    if change.verdict is Verdict.MEANINGFUL_RISE:
        return f"{subject} rose from {start} to {end}, a clear rise."
    verb = "fell" if change.end < change.start else "rose"
    return f"{subject} {verb} from {start} to {end}, not a meaningful change yet."


def build_trend(
    morning: Sequence[DayValue],
    pairs: Sequence[DayPair],
    *,
    start: date,
    end: date,
    baseline_values: Sequence[DayValue] | None = None,
) -> Trend:
    """Everything the morning-pain chart needs for start..end.

    `morning` may hold days before `start` (for the first 7-day windows).
    `baseline_values` are the first week of logs ever; by default `morning`.
    """
    rolling = dict(rolling_average(morning, start, end))
    values = {v.day: v.value for v in morning}
    pair_by_day = {p.day: p for p in pairs}
    points = tuple(
        TrendPoint(day, values.get(day), rolling[day], pair_by_day.get(day))
        for day in _days(start, end)
    )
    base = baseline(baseline_values if baseline_values is not None else morning)
    in_period = [v for v in morning if start <= v.day <= end]
    last = latest(in_period)
    change = compare(base, last)
    return Trend(start, end, points, base, last, change, describe_change("Morning pain", change))


# --- sessions ----------------------------------------------------------------


def daily_pairs(sessions: Iterable[SessionPair]) -> tuple[DayPair, ...]:
    """Average each day's sessions so that the chart has one mark per day."""
    grouped: dict[date, list[SessionPair]] = {}
    for s in sessions:
        grouped.setdefault(s.day, []).append(s)
    return tuple(
        DayPair(
            day=day,
            before=sum(s.before for s in group) / len(group),
            after=sum(s.after for s in group) / len(group),
            count=len(group),
        )
        for day, group in sorted(grouped.items())
    )


def session_effect(sessions: Sequence[SessionPair]) -> float | None:
    """Mean change in pain from before to after a session (negative = relief)."""
    if not sessions:
        return None
    return sum(s.after - s.before for s in sessions) / len(sessions)


def adherence_strip(counts: Mapping[date, int], start: date, end: date) -> tuple[DayCount, ...]:
    """Sessions per calendar day, with zero for a day without one."""
    return tuple(DayCount(day, counts.get(day, 0)) for day in _days(start, end))


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


# --- PEG-3 -------------------------------------------------------------------


def peg_score(pain: int, enjoyment: int, activity: int) -> float:
    """PEG-3: the mean of its three 0-10 items (Krebs et al. 2009)."""
    return (pain + enjoyment + activity) / 3


def peg_due(last_day: date | None, today: date) -> bool:
    """The check-in is offered once a week."""
    return last_day is None or (today - last_day).days >= PEG_INTERVAL_DAYS


def peg_change(points: Sequence[PegPoint]) -> Change:
    """First check-in against the latest, judged by the PEG rule."""
    if len(points) < 2:
        first = points[0].score if points else None
        return compare(first, None, PEG_RULE)
    ordered = sorted(points, key=lambda p: p.day)
    return compare(ordered[0].score, ordered[-1].score, PEG_RULE)
