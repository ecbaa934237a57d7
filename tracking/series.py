"""The dashboard's series, one plain SELECT each, grouped by the database.

Each function returns plain rows (dates, numbers); ``tracking.dashboard``
turns them into the figures. The SQL is written out rather than built as a
QuerySet because these reads run on every first view after a change, where
compiling the queries cost more than running them (see ``config.sql``). It is
the same SQL on SQLite and PostgreSQL: the local day of a moment is asked of
Django's backend, and grouping happens over a subquery's plain column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from django.db import connection

from config.sql import DATE, FLOAT, INTEGER, MOMENT, Beside, convert, fetch, local_date
from routines.today import TARGET_COLUMNS, TARGET_SQL, target_of, target_params
from tracking.history import LAST_COLUMNS, LAST_FINISHED, last_finished_params
from tracking.models import DataVersion, PainLog, PegCheckin, Session, SessionStep

LOGS = PainLog._meta.db_table
SESSIONS = Session._meta.db_table
CHECKINS = PegCheckin._meta.db_table
STEPS = SessionStep._meta.db_table
VERSIONS = DataVersion._meta.db_table


MORNING = PainLog.Kind.MORNING.value
BEFORE = PainLog.Kind.BEFORE.value
AFTER = PainLog.Kind.AFTER.value

# The first and last morning log before a moment (None, None without one).
Span = tuple[datetime | None, datetime | None]

_SPAN_SQL = (
    f"SELECT MIN(logged_at) AS first_at, MAX(logged_at) AS last_at FROM {LOGS} "
    "WHERE user_id = %s AND kind = %s AND logged_at < %s"
)

# The data version beside the weekly target (routines.today.TARGET_SQL), with
# what a first view starts from: the span of morning logs and the last
# finished session (tracking.history.LAST_FINISHED).
_KEY_SQL = (
    f"SELECT (SELECT number FROM {VERSIONS} WHERE user_id = %s), span.*, last.*, target.* "
    f"FROM (SELECT 1 AS one) AS person LEFT JOIN ({_SPAN_SQL}) AS span ON 1 = 1 "
    f"LEFT JOIN ({LAST_FINISHED}) AS last ON 1 = 1 "
    f"LEFT JOIN ({TARGET_SQL}) AS target ON 1 = 1"
)


@dataclass(frozen=True)
class PersonKey:
    """What one statement reads of a person for their Progress page."""

    version: int  # 0 before their first write
    weekly_target: int
    morning_span: Span  # the first and last before ``until``
    last_finished: tuple[Any, ...]  # a row of tracking.history.LAST_FINISHED (all None if none)


def person_key_read(user: Any, today: date, until: datetime) -> Beside:
    """The one statement behind ``PersonKey``: the person's data version and weekly
    target (``routines.today``), the key of the cached figures, with the morning
    span and the last finished session a first view needs. Progress reads it
    with the safety history (``screening.records.request_standing_and``)."""
    params = (
        user.pk,
        *_span_params(user.pk, until),
        *last_finished_params(user.pk),
        *target_params(user, today),
    )
    return Beside(_KEY_SQL, params, (INTEGER, MOMENT, MOMENT, *LAST_COLUMNS, *TARGET_COLUMNS))


def person_key_of(row: tuple[Any, ...]) -> PersonKey:
    span, last, target = row[1:3], row[3:6], row[6:]
    return PersonKey(
        version=row[0] or 0,
        weekly_target=target_of(None if target[0] is None else target),
        morning_span=(span[0], span[1]),
        last_finished=last,
    )


def _span_params(user_id: int, until: datetime) -> tuple[Any, ...]:
    return (user_id, MORNING, until)


def morning_span(user_id: int, until: datetime) -> Span:
    """The first and last morning log before ``until`` (two lookups in the index)."""
    first, last = fetch(_SPAN_SQL, _span_params(user_id, until), (MOMENT, MOMENT))[0]
    return first, last


def morning_days(user_id: int, tz: tzinfo, until: datetime) -> int:
    """On how many local days there is a morning log before ``until``."""
    day, day_params = local_date("logged_at", tz)
    sql = (
        f"SELECT COUNT(DISTINCT {day}) FROM {LOGS} "
        "WHERE user_id = %s AND kind = %s AND logged_at < %s"
    )
    return fetch(sql, (*day_params, user_id, MORNING, until), (INTEGER,))[0][0] or 0


# A score as a float before it is averaged: PostgreSQL averages integers as
# NUMERIC, several times slower than DOUBLE PRECISION, and the figures are
# floats anyway. SQLite averages in floats already.
_REAL = "CAST({} AS DOUBLE PRECISION)"


def morning_means(
    user_id: int, tz: tzinfo, windows: list[tuple[datetime, datetime | None]]
) -> list[tuple[date, float]]:
    """Each local day's mean morning pain, for the days inside any of ``windows``
    (from, until or open-ended), oldest first."""
    day, day_params = local_date("logged_at", tz)
    parts, params = [], []
    for start, end in windows:
        if end is None:
            parts.append("logged_at >= %s")
            params.append(start)
        else:
            parts.append("(logged_at >= %s AND logged_at < %s)")
            params += [start, end]
    where = " OR ".join(parts) or "1 = 0"
    sql = (
        f"SELECT day, AVG(pain) FROM (SELECT {day} AS day, {_REAL.format('pain')} AS pain "
        f"FROM {LOGS} WHERE user_id = %s AND kind = %s AND ({where})) AS mornings "
        "GROUP BY day ORDER BY day"
    )
    return fetch(sql, (*day_params, user_id, MORNING, *params), (DATE, FLOAT))


def session_pairs(
    user_id: int, tz: tzinfo, since: datetime | None
) -> list[tuple[date, float, float]]:
    """Per session with both a before and an after score: the local day it started
    on, and the two means, oldest first. The day and the means come from the
    database as a date and floats, not a moment and decimals to convert here."""
    day, day_params = local_date("MIN(logged_at)", tz)
    window, params = ("AND logged_at >= %s", [since]) if since is not None else ("", [])
    mean = f"AVG(CASE WHEN kind = %s THEN {_REAL.format('pain')} END)"
    sql = (
        f"SELECT {day}, {mean}, {mean} "
        f"FROM {LOGS} WHERE user_id = %s AND session_id IS NOT NULL AND kind IN (%s, %s) {window} "
        "GROUP BY session_id ORDER BY MIN(logged_at)"
    )
    params = (*day_params, BEFORE, AFTER, user_id, BEFORE, AFTER, *params)
    rows = fetch(sql, params, (DATE, FLOAT, FLOAT))
    return [(d, b, a) for d, b, a in rows if b is not None and a is not None]


# A session counts towards the plan (adherence, the streak) once it is over and
# something was done: run to the end, or stopped or left with at least one hold
# done. Not while it runs (its end moves the figures' version, its holds do
# not), and not a session left at the pain question or stopped before any hold.
_DONE_SQL = (
    f"(s.status = %s OR (s.status IN (%s, %s) AND EXISTS (SELECT 1 FROM {STEPS} st "
    "WHERE st.session_id = s.id AND st.outcome = %s)))"
)
_DONE_PARAMS = (
    Session.Status.COMPLETED.value,
    Session.Status.STOPPED.value,
    Session.Status.NOT_FINISHED.value,
    SessionStep.Outcome.DONE.value,
)


def sessions_per_day(
    user_id: int, tz: tzinfo, chunk: int, since: datetime | None = None
) -> Iterator[tuple[date, int]]:
    """Sessions done per local day of their start (from ``since``, or ever), newest
    day first, read ``chunk`` rows at a time."""
    day, day_params = local_date("s.started_at", tz)
    window, params = ("AND s.started_at >= %s", [since]) if since is not None else ("", [])
    sql = (
        f"SELECT day, COUNT(*) FROM (SELECT {day} AS day FROM {SESSIONS} s "
        f"WHERE s.user_id = %s {window} AND {_DONE_SQL}) AS done GROUP BY day ORDER BY day DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*day_params, user_id, *params, *_DONE_PARAMS))
        while rows := cursor.fetchmany(chunk):
            yield from convert(rows, (DATE, INTEGER))


def checkins(user_id: int, since: datetime | None) -> list[tuple[datetime, int, int, int]]:
    """The check-ins from ``since`` (or all), with the first and latest ever, oldest first."""
    wanted, params = "", []
    if since is not None:
        end = f"SELECT id FROM {CHECKINS} WHERE user_id = %s ORDER BY checked_at {{0}}, id {{0}}"
        wanted = (
            f"AND (checked_at >= %s OR id = ({end.format('DESC')} LIMIT 1) "
            f"OR id = ({end.format('ASC')} LIMIT 1))"
        )
        params = [since, user_id, user_id]
    sql = (
        f"SELECT checked_at, pain, enjoyment, activity FROM {CHECKINS} "
        f"WHERE user_id = %s {wanted} ORDER BY checked_at, id"
    )
    return fetch(sql, (user_id, *params), (MOMENT, INTEGER, INTEGER, INTEGER))


__all__ = [
    "PersonKey",
    "Span",
    "checkins",
    "morning_days",
    "morning_means",
    "morning_span",
    "person_key_of",
    "person_key_read",
    "session_pairs",
    "sessions_per_day",
]
