"""Export of everything a person logged: a zip with one CSV file per kind of record.

Times are ISO 8601 in the person's time zone with its UTC offset
(2026-03-02T07:30:00+01:00); nothing dated after the moment of the export is
in it. The columns of each file are listed in ``FILES`` and explained on the
export page.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from django.http import HttpResponse

from tracking.models import PainLog, PegCheckin, Session, WalkLog

Row = list[str | int]


@dataclass(frozen=True)
class ExportFile:
    name: str
    columns: tuple[str, ...]
    rows: Callable[[Any, tzinfo, datetime], Iterator[Row]]


def _iso(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).isoformat(timespec="seconds") if moment else ""


def _safe(text: str) -> str:
    # A note starting with = + - @ could run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _pain_logs(user: Any, tz: tzinfo, now: datetime) -> Iterator[Row]:
    logs = PainLog.objects.for_user(user).filter(logged_at__lte=now).order_by("logged_at", "pk")
    for log in logs.iterator(chunk_size=2000):
        yield [
            log.pk,
            _iso(log.logged_at, tz),
            log.kind,
            log.pain,
            _safe(log.note),
            log.session_id or "",
        ]


def _sessions(user: Any, tz: tzinfo, now: datetime) -> Iterator[Row]:
    sessions = (
        Session.objects.filter(user=user, started_at__lte=now)
        .select_related("stop_signal", "after_effect")
        .order_by("started_at", "pk")
    )
    for session in sessions.iterator(chunk_size=2000):
        stop = getattr(session, "stop_signal", None)
        after = getattr(session, "after_effect", None)
        ended = session.ended_at if session.ended_at and session.ended_at <= now else None
        yield [
            session.pk,
            _iso(session.started_at, tz),
            _iso(ended, tz),
            session.status,
            stop.reason if stop else "",
            _safe(stop.note) if stop else "",
            _answer(after, now),
        ]


def _answer(after: Any, now: datetime) -> str:
    """The next-day answer: "yes" (pain lasted over 2 hours), "no", or empty."""
    if after is None or after.answered_at > now:
        return ""
    return "yes" if after.lasted_over_2h else "no"


def _checkins(user: Any, tz: tzinfo, now: datetime) -> Iterator[Row]:
    checkins = PegCheckin.objects.for_user(user).filter(checked_at__lte=now)
    for peg in checkins.order_by("checked_at", "pk").iterator():
        yield [
            peg.pk,
            _iso(peg.checked_at, tz),
            peg.pain,
            peg.enjoyment,
            peg.activity,
            f"{peg.score:.2f}",
        ]


def _walks(user: Any, tz: tzinfo, now: datetime) -> Iterator[Row]:
    walks = WalkLog.objects.filter(user=user, created_at__lte=now).order_by("day", "pk")
    for walk in walks.iterator():
        yield [walk.pk, walk.day.isoformat(), _iso(walk.created_at, tz)]


FILES = (
    ExportFile("pain_logs.csv", ("id", "time", "kind", "pain", "note", "session_id"), _pain_logs),
    ExportFile(
        "sessions.csv",
        ("id", "started", "ended", "status", "stop_reason", "stop_note", "pain_over_2_hours"),
        _sessions,
    ),
    ExportFile(
        "weekly_checkins.csv",
        ("id", "time", "pain", "enjoyment", "activity", "score"),
        _checkins,
    ),
    ExportFile("walks.csv", ("id", "day", "time"), _walks),
)

__all__ = ["FILES", "zip_response"]


def _csv(columns: tuple[str, ...], rows: Iterator[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def zip_response(user: Any, tz: tzinfo, now: datetime) -> HttpResponse:
    """A zip of the person's records up to ``now``, one CSV file per kind."""
    buffer = io.BytesIO()
    stamp = now.astimezone(tz)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in FILES:
            info = zipfile.ZipInfo(file.name, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, _csv(file.columns, file.rows(user, tz, now)))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="limber-{stamp:%Y-%m-%d}.zip"'
    return response
