"""Reads a person's safety history into the pure standing, and writes stops.

The one adapter between the tables and ``screening.standing``: other apps
ask for the standing here and record a session stop through ``record_stop``,
so the standing is computed in one place.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

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


def _result(row: Screening, now: datetime) -> ResultRecord:
    answers: tuple[tuple[str, str], ...] = ()
    if row.created_at >= now - RECALL_FOR:
        answers = tuple(sorted((k, str(v)) for k, v in row.answers.items()))
    return ResultRecord(
        id=row.pk,
        at=row.created_at,
        tier=Tier(row.tier),
        flags=frozenset(row.flags),
        cautions=row.caution_set,
        answers=answers,
    )


def _clearance_of(row: Screening) -> Clearance | None:
    try:
        return row.clearance
    except Clearance.DoesNotExist:
        return None


def history_for(user: Any, now: datetime) -> History:
    """Everything the person told us that bears on their safety, as plain records."""
    rows = list(Screening.objects.for_user(user).select_related("clearance"))
    results = [_result(r, now) for r in rows]
    drafts = [
        DraftRecord(
            at=f.at,
            question=f.question,
            answer=f.answer,
            tier=Tier(f.tier),
            flags=frozenset(f.flags),
            corrected_at=f.corrected_at,
        )
        for f in FlagAnswer.objects.filter(user=user)
    ]
    seen = [
        SeenRecord(at=a.created_at, seen_on=a.seen_on)
        for a in AssessmentRecord.objects.filter(user=user)
    ]
    # Read with their results (one per result at most): one query fewer on every page.
    clearances = [
        ClearanceRecord(result_id=r.pk, flags=frozenset(c.flags), cleared_on=c.cleared_on)
        for r in rows
        if (c := _clearance_of(r)) is not None
    ]
    stops = [
        Stop(at=s.at, day=s.day, kind=StopKind(s.kind), label=s.label, id=s.pk)
        for s in SafetyStop.objects.filter(user=user)
    ]
    return History(tuple(results), tuple(drafts), tuple(seen), tuple(clearances), tuple(stops))


def standing_for(user: Any, now: datetime, tz: tzinfo | None = None) -> Standing:
    today = local_day(now, tz or timezone.get_current_timezone())
    return decide(history_for(user, now), now=now, today=today)


def request_standing(request: HttpRequest) -> Standing:
    """The standing, computed once per request (every page reads it for the banner)."""
    standing = getattr(request, "_safety_standing", None)
    if standing is None:
        standing = standing_for(request.user, timezone.now())
        request._safety_standing = standing  # type: ignore[attr-defined]
    return standing


def forget_standing(request: HttpRequest) -> None:
    """After a POST changes the history, the next read computes it afresh."""
    request.__dict__.pop("_safety_standing", None)


def record_stop(user: Any, kind: StopKind, *, label: str, at: datetime, day: date) -> SafetyStop:
    """A session stopped for a symptom: it changes the standing at once."""
    return SafetyStop.objects.create(user=user, kind=kind, label=label[:100], at=at, day=day)


def cautions_of(standing: Standing) -> frozenset[Caution]:
    return standing.cautions if standing.may_stretch else frozenset()
