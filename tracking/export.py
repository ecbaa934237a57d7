"""CSV export of everything a person logged: one file, one row per record.

Columns (also listed on the export page):

record        "pain_log", "session", "peg_checkin" or "walk" ("I walked today")
id            the record's number in Limber
time          ISO 8601 with the UTC offset, in the person's time zone
              (when logged; for a session, when it started; for a walk, when ticked)
kind          pain log: morning, evening, other, before, after;
              session: completed, stopped, not_finished, in_progress
pain          pain log: 0-10; PEG-3 check-in: the score (mean of the three items)
note          pain log or stop note, as typed
session_id    the session a before/after log belongs to; a session's own id
ended         session: ISO 8601 end time, empty while running
stop_reason   session: why it was stopped, empty otherwise
peg_pain, peg_enjoyment, peg_activity   PEG-3 items, 0-10
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime, tzinfo
from typing import Any

from django.http import StreamingHttpResponse

from tracking.models import PainLog, PegCheckin, Session, WalkLog

COLUMNS = [
    "record",
    "id",
    "time",
    "kind",
    "pain",
    "note",
    "session_id",
    "ended",
    "stop_reason",
    "peg_pain",
    "peg_enjoyment",
    "peg_activity",
]


class _Echo:
    """A file-like object for csv.writer that hands each line back."""

    def write(self, value: str) -> str:
        return value


def _iso(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).isoformat(timespec="seconds") if moment else ""


def _safe(text: str) -> str:
    # A note starting with = + - @ could run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def rows(user: Any, tz: tzinfo) -> Iterator[list[str | int]]:
    yield COLUMNS
    logs = PainLog.objects.for_user(user).order_by("logged_at", "pk")
    for log in logs.iterator(chunk_size=2000):
        yield [
            "pain_log",
            log.pk,
            _iso(log.logged_at, tz),
            log.kind,
            log.pain,
            _safe(log.note),
            log.session_id or "",
            "",
            "",
            "",
            "",
            "",
        ]
    sessions = (
        Session.objects.filter(user=user).select_related("stop_signal").order_by("started_at", "pk")
    )
    for session in sessions.iterator(chunk_size=2000):
        stop = getattr(session, "stop_signal", None)
        yield [
            "session",
            session.pk,
            _iso(session.started_at, tz),
            session.status,
            "",
            _safe(stop.note) if stop else "",
            session.pk,
            _iso(session.ended_at, tz),
            stop.reason if stop else "",
            "",
            "",
            "",
        ]
    for peg in PegCheckin.objects.for_user(user).order_by("checked_at", "pk").iterator():
        yield [
            "peg_checkin",
            peg.pk,
            _iso(peg.checked_at, tz),
            "",
            f"{peg.score:.2f}",
            "",
            "",
            "",
            "",
            peg.pain,
            peg.enjoyment,
            peg.activity,
        ]
    for walk in WalkLog.objects.filter(user=user).order_by("day", "pk").iterator():
        yield ["walk", walk.pk, _iso(walk.created_at, tz), *[""] * (len(COLUMNS) - 3)]


def csv_response(user: Any, tz: tzinfo, now: datetime) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows(user, tz)), content_type="text/csv; charset=utf-8"
    )
    filename = f"limber-{now.astimezone(tz):%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
