"""Trend maths for the dashboard and the clinician report.

Pure Python: no Django, no clock. Rows come in already aggregated per day (the
database does the grouping); this module fills the calendar and keeps missing
days as gaps. Whether a change is meaningful is ``tracking.change``; sessions
per day and streaks are ``tracking.adherence``; the weekly check-in is
``tracking.peg_trend``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tracking.change import Change, Verdict, compare, describe_change, headline

ROLLING_WINDOW = 7
# A 7-day average drawn from one or two days would swing on a single bad
# morning; four days is more than half the week.
MIN_ROLLING_POINTS = 4
BASELINE_DAYS = 7


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
class TrendPoint:
    """A calendar day on the chart; None marks a gap, never a zero."""

    day: date
    value: float | None
    rolling: float | None
    pair: DayPair | None = None


@dataclass(frozen=True)
class Trend:
    start: date
    end: date
    points: tuple[TrendPoint, ...]
    baseline: float | None
    latest: float | None
    change: Change
    description: str
    logged_days: int = 0  # days with a morning log, ever

    @property
    def ready(self) -> bool:
        """A baseline and a change are shown only after a week of morning logs."""
        return self.logged_days >= BASELINE_DAYS

    def headline(self, person: str = "you") -> str:
        """The change in words and one number; ``person`` is "you" or, for a clinician, "they"."""
        if not self.ready:
            owner = "Your" if person == "you" else "Their"
            return (
                f"{owner} first trend appears after a week of morning logs: "
                f"{self.logged_days} of {BASELINE_DAYS} so far"
            )
        return headline("Morning pain", self.change, person)


# --- calendar helpers ----------------------------------------------------


def calendar_days(start: date, end: date) -> Iterable[date]:
    """Every day from start to end, both included."""
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


def period_window(period: Period, today: date) -> date | None:
    """The first day a period could show, before the first log is known; None for "All"."""
    return None if period.weeks is None else today - timedelta(days=7 * period.weeks - 1)


def period_start(period: Period, today: date, first_day: date | None) -> date:
    """First calendar day shown for a period ending today.

    Every period starts at the first log at the earliest (an account a day
    old is shown one day, not six weeks); a period never starts after today.
    """
    first = min(first_day or today, today)
    window = period_window(period, today)
    return first if window is None else max(window, first)


def week_start(today: date) -> date:
    """Monday of today's week (ISO weeks, as most calendars outside the US)."""
    return today - timedelta(days=today.weekday())


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
    # Each day's value at its offset from the first day a window reads (None: no
    # value), so a window is a slice: years of days cost no more per day than one.
    first = start - timedelta(days=window - 1)
    column: list[float | None] = [None] * ((end - first).days + 1)
    for v in values:
        if first <= v.day <= end:
            column[(v.day - first).days] = v.value
    out: list[tuple[date, float | None]] = []
    for i, day in enumerate(calendar_days(start, end)):
        # Newest day first, as the days are counted back.
        window_values = [x for x in reversed(column[i : i + window]) if x is not None]
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


def build_trend(
    morning: Sequence[DayValue],
    pairs: Sequence[DayPair],
    *,
    start: date,
    end: date,
    baseline_values: Sequence[DayValue] | None = None,
    logged_days: int | None = None,
) -> Trend:
    """Everything the morning-pain chart needs for start..end.

    `morning` may hold days before `start` (for the first 7-day windows).
    `baseline_values` are the morning logs from the first ever (at least the
    first week); by default `morning`. With fewer than ``BASELINE_DAYS`` days
    of logs in them, there is no baseline and no change yet.
    """
    rolling = dict(rolling_average(morning, start, end))
    values = {v.day: v.value for v in morning}
    pair_by_day = {p.day: p for p in pairs}
    points = tuple(
        TrendPoint(day, values.get(day), rolling[day], pair_by_day.get(day))
        for day in calendar_days(start, end)
    )
    first_logs = baseline_values if baseline_values is not None else morning
    # The days logged, when the caller counted them without reading every day.
    logged = (
        len({v.day for v in first_logs if v.day <= end}) if logged_days is None else logged_days
    )
    base = baseline(first_logs) if logged >= BASELINE_DAYS else None
    in_period = [v for v in morning if start <= v.day <= end]
    last = latest(in_period)
    change = compare(base, last)
    description = describe_change("Morning pain", change)
    return Trend(start, end, points, base, last, change, description, logged)


# --- not getting better -----------------------------------------------------

# Source: article A (over 4-6 weeks, morning pain should come down); articles
# C and D (see a clinician if pain increases). Six weeks is also when most new
# episodes of low-back pain have settled (NICE CKS, low back pain).
NOT_BETTER_AFTER_DAYS = 42
SEE_CLINICIAN = "See your GP or physio"
NOT_AN_EMERGENCY = "This is not an emergency. Keep moving gently unless a stretch makes it worse."


class NotBetterKind(StrEnum):
    NO_FALL = "no-fall"
    RISE = "rise"


@dataclass(frozen=True)
class NotBetter:
    """Advice to see a clinician because morning pain is not improving; never a block."""

    kind: NotBetterKind
    baseline: float
    latest: float
    weeks: int  # whole weeks since the first morning log

    headline = SEE_CLINICIAN
    reassurance = NOT_AN_EMERGENCY

    @property
    def reason(self) -> str:
        """Why, in plain words."""
        if self.kind is NotBetterKind.RISE:
            return (
                "Your morning pain is higher than when you started: "
                f"{self.baseline:.1f} → {self.latest:.1f}"
            )
        return f"Your morning pain has not fallen much in {self.weeks} weeks"

    @property
    def line(self) -> str:
        """The advice as one plain line."""
        return f"{self.reason}. {SEE_CLINICIAN}."


def not_getting_better(
    morning: Sequence[DayValue], today: date, *, logged_days: int | None = None
) -> NotBetter | None:
    """Whether morning pain says "see your GP or physio", from every day's morning value.

    Once there are ``BASELINE_DAYS`` days of logs, the first week's baseline is
    compared with the latest week (``baseline`` and ``latest``, as on the
    dashboard) under the meaningful-change rule: a meaningful rise counts at
    any time; from ``NOT_BETTER_AFTER_DAYS`` after the first log, so does the
    lack of a meaningful fall. Days after ``today`` are left out.
    """
    values = [v for v in morning if v.day <= today]
    # ``logged_days`` counts the days when ``morning`` holds only the first and last weeks.
    days_logged = len({v.day for v in values}) if logged_days is None else logged_days
    if days_logged < BASELINE_DAYS:
        return None
    base, last = baseline(values), latest(values)
    if base is None or last is None:  # cannot happen: there are values
        raise ValueError("morning values are needed for a comparison")
    verdict = compare(base, last).verdict
    days = (today - min(v.day for v in values)).days
    if verdict is Verdict.MEANINGFUL_RISE:
        kind = NotBetterKind.RISE
    elif verdict is not Verdict.MEANINGFUL_FALL and days >= NOT_BETTER_AFTER_DAYS:
        kind = NotBetterKind.NO_FALL
    else:
        return None
    return NotBetter(kind, base, last, days // 7)


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
