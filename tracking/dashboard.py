"""Reads a person's logs into the trend dataclasses, for the dashboard and the report.

The database groups rows per local day, so the number of queries is the same
for a week or for five years of history; trends.py does the maths on the
(at most one per day) rows that come back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from django.db.models import Avg, Count, Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from tracking import charts, trends
from tracking.adherence import (
    DayCount,
    WeekRow,
    adherence_strip,
    current_streak,
    sessions_in_week,
    weekly_rows,
)
from tracking.change import Change, describe_change
from tracking.models import PainLog, PegCheckin, Session, StopSignal
from tracking.peg_trend import PegPoint, peg_change, peg_due, peg_score

# The plan's usual target when the routine cannot say: two sessions a day.
# source="Stage table, weeks 1-4: twice daily (PRODUCT.md)"
DEFAULT_WEEKLY_TARGET = 14


@dataclass(frozen=True)
class Adherence:
    strip: tuple[DayCount, ...]
    streak: int
    this_week: int
    weekly_target: int
    total: int


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

    @property
    def weekly(self) -> bool:
        """Long periods show their table and calendar by week, not by day."""
        return len(self.trend.points) > charts.DAILY_PAIR_LIMIT

    @property
    def weeks(self) -> tuple[WeekRow, ...]:
        return weekly_rows(self.trend.points, self.adherence.strip)

    @property
    def chart(self) -> str:
        return charts.trend_chart(self.trend)

    @property
    def peg_chart(self) -> str:
        return charts.peg_chart(self.peg.points, self.peg.change, description=self.peg.description)


def _start_of(day: date, tz: tzinfo) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), tz)


def _morning_rows(
    user: Any, tz: tzinfo, since: date | None, until: date | None = None
) -> list[trends.DayValue]:
    logs = PainLog.objects.for_user(user).of_kind(PainLog.Kind.MORNING)
    if since is not None:
        logs = logs.since(_start_of(since, tz))
    if until is not None:
        logs = logs.until(_start_of(until, tz))
    rows = (
        logs.annotate(day=TruncDate("logged_at", tzinfo=tz))
        .values("day")
        .annotate(mean=Avg("pain"))
        .order_by("day")
    )
    return [trends.DayValue(r["day"], float(r["mean"])) for r in rows]


def _session_pairs(user: Any, tz: tzinfo, since: date) -> list[trends.SessionPair]:
    """One row per session that has both a before and an after log."""
    rows = (
        PainLog.objects.for_user(user)
        .since(_start_of(since, tz))
        .filter(session__isnull=False, kind__in=[PainLog.Kind.BEFORE, PainLog.Kind.AFTER])
        .values("session_id")
        .annotate(
            before=Avg("pain", filter=Q(kind=PainLog.Kind.BEFORE)),
            after=Avg("pain", filter=Q(kind=PainLog.Kind.AFTER)),
            at=Min("logged_at"),
        )
        .order_by("at")
    )
    return [
        trends.SessionPair(trends.local_day(r["at"], tz), float(r["before"]), float(r["after"]))
        for r in rows
        if r["before"] is not None and r["after"] is not None
    ]


def _sessions_per_day(user: Any, tz: tzinfo) -> dict[date, int]:
    """All-time, so the streak is right however long it is (one row per active day)."""
    rows = (
        Session.objects.filter(user=user)
        .annotate(day=TruncDate("started_at", tzinfo=tz))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["day"]: r["n"] for r in rows}


def _pegs(user: Any, tz: tzinfo) -> list[PegPoint]:
    rows = (
        PegCheckin.objects.for_user(user)
        .order_by("checked_at")
        .values_list("checked_at", "pain", "enjoyment", "activity")
    )
    return [PegPoint(trends.local_day(at, tz), peg_score(p, e, a)) for at, p, e, a in rows]


def _stop_signals(user: Any, tz: tzinfo, since: date) -> tuple[Any, ...]:
    return tuple(
        StopSignal.objects.filter(session__user=user, created_at__gte=_start_of(since, tz))
        .select_related("session")
        .order_by("-created_at")[:20]
    )


def weekly_target(user: Any, today: date) -> int:
    """Sessions a week the current plan asks for."""
    try:
        from routines.today import today_for
    except ImportError:
        return DEFAULT_WEEKLY_TARGET
    try:
        plan = today_for(user, today, record=False).plan
    except Exception:  # the dashboard must show even if the plan cannot
        return DEFAULT_WEEKLY_TARGET
    return plan.sessions_min if plan.per_week else plan.sessions_min * 7


def first_log_day(user: Any, tz: tzinfo) -> date | None:
    first = (
        PainLog.objects.for_user(user)
        .of_kind(PainLog.Kind.MORNING)
        .aggregate(at=Min("logged_at"))["at"]
    )
    return trends.local_day(first, tz) if first else None


def progress_for(user: Any, period: trends.Period, *, now: datetime, tz: tzinfo) -> Progress:
    today = trends.local_day(now, tz)
    first = first_log_day(user, tz)
    start = trends.period_start(period, today, first)
    # Six days before the start feed the first 7-day averages.
    morning = _morning_rows(user, tz, start - timedelta(days=trends.ROLLING_WINDOW - 1))
    baseline_rows = (
        _morning_rows(user, tz, first, first + timedelta(days=trends.BASELINE_DAYS))
        if first
        else []
    )
    sessions = _session_pairs(user, tz, start)
    trend = trends.build_trend(
        morning, trends.daily_pairs(sessions), start=start, end=today, baseline_values=baseline_rows
    )
    per_day = _sessions_per_day(user, tz)
    strip = adherence_strip(per_day, start, today)
    adherence = Adherence(
        strip=strip,
        streak=current_streak({d for d, n in per_day.items() if n}, today),
        this_week=sessions_in_week(per_day, today),
        weekly_target=weekly_target(user, today),
        total=sum(d.count for d in strip),
    )
    return Progress(
        period=period,
        today=today,
        trend=trend,
        session_effect=trends.session_effect(sessions),
        session_count=len(sessions),
        adherence=adherence,
        peg=_peg_summary(_pegs(user, tz), start, today),
        stop_signals=_stop_signals(user, tz, start),
        has_logs=first is not None,
    )


def _peg_summary(points: list[PegPoint], start: date, today: date) -> Peg:
    """Chart the period's check-ins; judge change from the first check-in ever."""
    change = peg_change(points)
    latest = points[-1] if points else None
    return Peg(
        points=tuple(p for p in points if p.day >= start),
        change=change,
        description=describe_change("The PEG-3 score", change),
        due=peg_due(latest.day if latest else None, today),
        latest=latest,
    )
