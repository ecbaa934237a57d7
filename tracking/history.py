"""The adapter that turns a person's stored sessions and logs into routines' ``History``.

Tracking's pages and session views read it and pass it to ``routines.today``,
so routines never imports tracking. Everything here reads rows; the rules that
judge them live in ``routines.progression``.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from django.db.models import Exists, OuterRef

from config.models import Profile
from config.sql import fetch
from config.time_zones import local_day, start_of_day
from routines.progression import History, SessionRecord

from .models import AfterEffectCheckin, PainLog, Session, SessionStep

# Far enough back for every rule that reads history (stage gates look at
# weeks, the 7-day average at one); older rows do not change a decision.
LOOKBACK_DAYS = 120
# "The next day" question is asked for a session from yesterday or the day before.
AFTEREFFECT_MAX_DAYS = 2


def user_zone(user: Any) -> zoneinfo.ZoneInfo:
    """The person's own time zone: days are their days, not the server's."""
    profile = Profile.objects.filter(user=user).first()
    return profile.zone if profile is not None else zoneinfo.ZoneInfo("UTC")


def history_for(user: Any, today: date) -> History:
    """Finished sessions and morning pain, oldest first, up to the end of ``today``.

    Running sessions and those left unfinished are left out: they were neither
    completed nor stopped, so they say nothing about how a session went.
    """
    zone = user_zone(user)
    since = start_of_day(today - timedelta(days=LOOKBACK_DAYS), zone)
    until = start_of_day(today + timedelta(days=1), zone)
    # Plain rows, not model instances: this runs for every plan and session start.
    finished = (
        Session.objects.for_user(user)
        .finished()
        .filter(started_at__gte=since, started_at__lt=until)
    )
    steps = SessionStep.objects.filter(session=OuterRef("pk"))
    sessions = list(
        finished.annotate(
            cut_short=Exists(steps.filter(cut_short=True)),
            for_pain=Exists(steps.filter(for_pain=True)),
        )
        .order_by("started_at", "pk")
        .values_list(
            "pk", "started_at", "status", "after_effect__lasted_over_2h", "cut_short", "for_pain"
        )
    )
    pains: dict[int, dict[str, int]] = defaultdict(dict)
    session_logs = PainLog.objects.filter(
        session__in=finished.values("pk"), kind__in=["before", "after"]
    )
    for session_id, kind, pain in session_logs.order_by("logged_at", "pk").values_list(
        "session_id", "kind", "pain"
    ):
        pains[session_id][kind] = pain
    records = tuple(
        SessionRecord(
            day=local_day(started_at, zone),
            pain_before=pains[pk].get("before"),
            pain_after=pains[pk].get("after"),
            completed=status == Session.Status.COMPLETED,
            stopped=status == Session.Status.STOPPED,
            pain_lasted_over_2h=lasted_over_2h,
            cut_short=cut_short,
            skipped_for_pain=for_pain,
        )
        for pk, started_at, status, lasted_over_2h, cut_short, for_pain in sessions
    )
    mornings = (
        PainLog.objects.for_user(user)
        .of_kind("morning")
        .since(since)
        .until(until)
        .order_by("logged_at", "pk")
        .values_list("logged_at", "pain")
    )
    morning_pain = tuple((local_day(at, zone), pain) for at, pain in mornings)
    return History(sessions=records, morning_pain=morning_pain)


@dataclass(frozen=True)
class LastSession:
    """The session the next-day question asks about."""

    pk: int
    started_at: datetime


# Read on every Today and first Progress view: a plain SELECT (see config.sql).
# Progress reads it within the statement of its cache key (tracking.series).
LAST_FINISHED = (
    f"SELECT s.id AS session_id, s.started_at, a.id AS answer_id "
    f"FROM {Session._meta.db_table} s "
    f"LEFT JOIN {AfterEffectCheckin._meta.db_table} a ON a.session_id = s.id "
    "WHERE s.user_id = %s AND s.status IN (%s, %s) ORDER BY s.started_at DESC, s.id DESC LIMIT 1"
)
LAST_COLUMNS = (
    Session._meta.pk,
    Session._meta.get_field("started_at"),
    AfterEffectCheckin._meta.pk,
)


def last_finished_params(user_id: int) -> tuple[Any, ...]:
    return (user_id, Session.Status.COMPLETED.value, Session.Status.STOPPED.value)


def pending_aftereffect(
    user: Any, today: date, zone: zoneinfo.ZoneInfo | None = None
) -> LastSession | None:
    """The last session, if it was yesterday (or the day before) and is not yet asked about.

    ``zone`` saves a query when the caller already knows the person's time zone.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    rows = fetch(LAST_FINISHED, last_finished_params(user.pk), LAST_COLUMNS)
    return pending_of(rows[0] if rows else None, today, zone or user_zone(user))


def pending_of(row: tuple[Any, ...] | None, today: date, zone: tzinfo) -> LastSession | None:
    """``pending_aftereffect`` from a row of ``LAST_FINISHED`` already read (or None)."""
    if row is None or row[0] is None or row[2] is not None:  # no session, or answered
        return None
    pk, started_at, _ = row
    days_ago = (today - local_day(started_at, zone)).days
    return LastSession(pk, started_at) if 1 <= days_ago <= AFTEREFFECT_MAX_DAYS else None
