"""Reads a person's safety history into the pure standing, and writes stops.

The one adapter between the tables and ``screening.standing``: other apps
ask for the standing here and record a session stop through ``record_stop``,
so the standing is computed in one place.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, tzinfo
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from config import prefs
from config.sql import INTEGER, Beside, fetch
from config.time_zones import local_day
from screening.models import AssessmentRecord, Clearance, FlagAnswer, SafetyStop, Screening
from screening.rules import Caution, Tier
from screening.standing import (
    RECALL_FOR,
    History,
    Standing,
    Stop,
    StopKind,
    decide,
)
from screening.standing import Assessment as SeenRecord
from screening.standing import Clearance as ClearanceRecord
from screening.standing import DraftAnswer as DraftRecord
from screening.standing import Result as ResultRecord

# The stop the standing goes by: the latest one up to now (``decide`` reads no other).
_LAST_STOP = (
    f"SELECT at, day, kind, label, id FROM {SafetyStop._meta.db_table} "
    "WHERE user_id = %s AND at <= %s ORDER BY at DESC, id DESC LIMIT 1"
)
_STOP_COLUMNS = (
    *(SafetyStop._meta.get_field(n) for n in ("at", "day", "kind", "label")),
    SafetyStop._meta.pk,
)


# The history is read on every signed-in page (the banner, the gate), so it is
# plain SELECTs rather than QuerySets (see config.sql), and one statement for
# nearly everyone: the results with their clearances, the last stop, and how
# many red-flag answers and records of being seen there are, each of which is
# read only when there is one. The order is the models' own.
@functools.cache
def _results(beside: str = "") -> str:
    """The history statement; ``beside``, a one-row SELECT of another app, is read
    in the same statement, its columns last (``Beside``)."""
    return (
        f"SELECT (SELECT COUNT(*) FROM {FlagAnswer._meta.db_table} WHERE user_id = %s), "
        f"(SELECT COUNT(*) FROM {AssessmentRecord._meta.db_table} WHERE user_id = %s), "
        "stop.at, stop.day, stop.kind, stop.label, stop.id, "
        "s.id, s.created_at, s.tier, s.flags, s.cautions, s.answers, c.flags, c.cleared_on, "
        # The person's settings every page shows (the country's emergency number):
        # read here rather than in a statement of their own (config.prefs).
        f"{prefs.JOINED_COLUMNS}{', beside.*' if beside else ''} "
        "FROM (SELECT 1 AS one) AS person "
        f"{f'LEFT JOIN ({beside}) AS beside ON 1 = 1 ' if beside else ''}"
        f"LEFT JOIN ({_LAST_STOP}) AS stop ON 1 = 1 "
        f"{prefs.JOIN} "
        f"LEFT JOIN {Screening._meta.db_table} s ON s.user_id = %s "
        f"LEFT JOIN {Clearance._meta.db_table} c ON c.screening_id = s.id "
        "ORDER BY s.created_at DESC, s.id DESC"
    )


_RESULT_COLUMNS = (
    INTEGER,
    INTEGER,
    *_STOP_COLUMNS,
    Screening._meta.pk,
    *(Screening._meta.get_field(n) for n in ("created_at", "tier", "flags", "cautions", "answers")),
    *(Clearance._meta.get_field(n) for n in ("flags", "cleared_on")),
    *prefs.COLUMNS,
)
_PREFS = slice(len(_RESULT_COLUMNS) - len(prefs.COLUMNS), len(_RESULT_COLUMNS))
_RESULTS_FROM = 2 + len(_STOP_COLUMNS)  # the first column of a result row


_DRAFTS = (
    "SELECT at, question, answer, tier, flags, corrected_at "
    f"FROM {FlagAnswer._meta.db_table} WHERE user_id = %s ORDER BY at, id"
)
_DRAFT_COLUMNS = tuple(
    FlagAnswer._meta.get_field(n)
    for n in ("at", "question", "answer", "tier", "flags", "corrected_at")
)
_SEEN = (
    f"SELECT created_at, seen_on FROM {AssessmentRecord._meta.db_table} "
    "WHERE user_id = %s ORDER BY created_at DESC, id DESC"
)
_SEEN_COLUMNS = tuple(AssessmentRecord._meta.get_field(n) for n in ("created_at", "seen_on"))


def _cautions(codes: list[str]) -> frozenset[Caution]:
    return frozenset(Caution(c) for c in codes if c in Caution._value2member_map_)


def history_for(user: Any, now: datetime) -> History:
    """Everything the person told us that bears on their safety, as plain records;
    of their session stops, the latest up to ``now``, the one the standing goes by."""
    return _read(user, now)[0]


def _read(
    user: Any, now: datetime, beside: Beside | None = None
) -> tuple[History, tuple[Any, ...], tuple[Any, ...]]:
    """The history, the person's settings read with it (config.prefs), and the row
    of ``beside`` (empty without one)."""
    beside = beside or Beside("", (), ())
    params = ((user.pk,) * 2, beside.params, (user.pk, now), (user.pk,) * 2)
    found = fetch(_results(beside.sql), sum(params, ()), _RESULT_COLUMNS + beside.outputs)
    drafts_n, seen_n = found[0][:2]
    stop = found[0][2:_RESULTS_FROM]
    rows = [row[_RESULTS_FROM : _PREFS.start] for row in found if row[_RESULTS_FROM] is not None]
    recall_from = now - RECALL_FOR
    results = [
        ResultRecord(
            id=pk,
            at=at,
            tier=Tier(tier),
            flags=frozenset(flags),
            cautions=_cautions(cautions),
            answers=tuple(sorted((k, str(v)) for k, v in answers.items()))
            if at >= recall_from
            else (),
        )
        for pk, at, tier, flags, cautions, answers, _, _ in rows
    ]
    # Read with their results (one per result at most).
    clearances = [
        ClearanceRecord(result_id=pk, flags=frozenset(flags), cleared_on=cleared_on)
        for pk, *_, flags, cleared_on in rows
        if cleared_on is not None
    ]
    drafts = [
        DraftRecord(
            at=at,
            question=question,
            answer=answer,
            tier=Tier(tier),
            flags=frozenset(flags),
            corrected_at=corrected_at,
        )
        for at, question, answer, tier, flags, corrected_at in (
            fetch(_DRAFTS, (user.pk,), _DRAFT_COLUMNS) if drafts_n else ()
        )
    ]
    seen = [
        SeenRecord(at=at, seen_on=seen_on)
        for at, seen_on in (fetch(_SEEN, (user.pk,), _SEEN_COLUMNS) if seen_n else ())
    ]
    at, day, kind, label, pk = stop
    stops = () if at is None else (Stop(at=at, day=day, kind=StopKind(kind), label=label, id=pk),)
    history = History(tuple(results), tuple(drafts), tuple(seen), tuple(clearances), stops)
    return history, found[0][_PREFS], found[0][_PREFS.stop :]


def standing_for(user: Any, now: datetime, tz: tzinfo | None = None) -> Standing:
    today = local_day(now, tz or timezone.get_current_timezone())
    return decide(history_for(user, now), now=now, today=today)


def request_standing(request: HttpRequest) -> Standing:
    """The standing, computed once per request (every page reads it for the banner)."""
    standing = getattr(request, "_safety_standing", None)
    return _read_for(request)[0] if standing is None else standing


def request_standing_and(request: HttpRequest, beside: Beside) -> tuple[Standing, tuple[Any, ...]]:
    """``request_standing``, and the row of ``beside``: one statement when the
    standing is not yet read for this request."""
    standing = getattr(request, "_safety_standing", None)
    if standing is None:
        return _read_for(request, beside)
    return standing, fetch(beside.sql, beside.params, beside.outputs)[0]


def _read_for(
    request: HttpRequest, beside: Beside | None = None
) -> tuple[Standing, tuple[Any, ...]]:
    now = timezone.now()
    history, own, row = _read(request.user, now, beside)
    prefs.keep_prefs(request, own)
    today = local_day(now, timezone.get_current_timezone())
    standing = decide(history, now=now, today=today)
    request._safety_standing = standing  # type: ignore[attr-defined]
    request._safety_checked = bool(history.results)  # type: ignore[attr-defined]
    return standing, row


def request_has_results(request: HttpRequest) -> bool:
    """Whether the person has finished a safety check, ever (read with the standing)."""
    request_standing(request)
    return request._safety_checked  # type: ignore[attr-defined]


def forget_standing(request: HttpRequest) -> None:
    """After a POST changes the history, the next read computes it afresh."""
    request.__dict__.pop("_safety_standing", None)
    request.__dict__.pop("_safety_checked", None)


def record_stop(user: Any, kind: StopKind, *, label: str, at: datetime, day: date) -> SafetyStop:
    """A session stopped for a symptom: it changes the standing at once."""
    return SafetyStop.objects.create(user=user, kind=kind, label=label[:100], at=at, day=day)


def cautions_of(standing: Standing) -> frozenset[Caution]:
    return standing.cautions if standing.may_stretch else frozenset()
