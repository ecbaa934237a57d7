"""Saving, replacing, deleting and restoring pain logs, one write at a time per person.

Each write that reads before it writes (a Save with its form's token, a
morning log, a change, a delete, an undo) first locks the person's own row
(SELECT ... FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE transaction has
the lock already), so a double-tapped or replayed Save waits for the first one
and then finds its log: one log is stored, however many copies arrive. A
new evening or other-time log without a token reads nothing, so it takes no
lock. A form carries a signed
"issued at" token; a copy of it that finds a log with the same values,
stored since the form was issued, stores nothing more.

A local day has at most one morning log: a second one is not stored but
offered as a replacement of the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import connection, transaction
from django.http import Http404
from django.utils import timezone

from config.time_zones import local_day
from tracking.models import PainLog, PegCheckin, Session

ONCE_SALT = "tracking.log-form"
# A form older than this saves normally, without looking for an earlier copy.
ONCE_MAX_AGE = timedelta(days=1)
UNDO_SALT = "tracking.log-undo"
# How long "Undo" works after a delete: well over the 10 seconds people need.
UNDO_SECONDS = 120
_USERS = get_user_model()._meta.db_table
_LOCK_PERSON = f"SELECT id FROM {_USERS} WHERE id = %s FOR UPDATE"  # noqa: S608 - the model's table


def issue_once(now: datetime) -> str:
    """The signed token a log form carries: when it was issued."""
    return signing.dumps(now.timestamp(), salt=ONCE_SALT)


def issued_at(token: str | None) -> datetime | None:
    """When a form was issued; None for a missing, forged or old token."""
    if not token:
        return None
    try:
        stamp = signing.loads(token, salt=ONCE_SALT, max_age=ONCE_MAX_AGE)
        return datetime.fromtimestamp(float(stamp), tz=UTC)
    except (signing.BadSignature, TypeError, ValueError, OverflowError):
        return None


def lock_person(user: Any) -> None:
    """Make this person's writes take turns until the transaction ends.

    On SQLite the write transaction holds the lock already (see above).
    """
    if connection.features.has_select_for_update:
        with connection.cursor() as cursor:
            cursor.execute(_LOCK_PERSON, [user.pk])


def _day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz)
    return start, end


def morning_log_on(
    user: Any, day: date, tz: tzinfo, *, besides: int | None = None
) -> PainLog | None:
    """The person's morning log on a local day, other than the log ``besides``."""
    start, end = _day_bounds(day, tz)
    logs = PainLog.objects.for_user(user).of_kind(PainLog.Kind.MORNING).since(start).until(end)
    if besides is not None:
        logs = logs.exclude(pk=besides)
    return logs.order_by("logged_at", "pk").first()


@dataclass(frozen=True)
class Saved:
    entry: PainLog
    stored: bool  # False when this was a copy of a Save already stored
    replaced: int | None = None  # the pain it replaced, when it replaced a morning log


@dataclass(frozen=True)
class Clash:
    """A second morning log for a day: not stored, offered as a replacement."""

    existing: PainLog
    wanted: PainLog  # not saved

    @property
    def question(self) -> str:
        """e.g. "Replace this morning's 3 with 6?"."""
        today = timezone.localdate()
        day = timezone.localtime(self.existing.logged_at).date()
        old, new = self.existing.pain, self.wanted.pain
        if day == today:
            return f"Replace this morning's {old} with {new}?"
        if day == today - timedelta(days=1):
            return f"Replace yesterday morning's {old} with {new}?"
        return f"Replace the {old} logged on the morning of {day:%A} {day.day} {day:%B} with {new}?"


def save_log(
    user: Any, entry: PainLog, *, issued: datetime | None, replace: int | None, tz: tzinfo
) -> Saved | Clash:
    """Store a new log (or a change to one), once.

    ``replace`` is the morning log the person agreed to replace (another
    person's, or one that is not that day's morning log, is a 404).
    """
    with transaction.atomic():
        if issued is not None or entry.kind == PainLog.Kind.MORNING or entry.pk is not None:
            # Something is read before the write (an earlier copy, this morning's
            # log, the log itself): a second write for this person waits.
            lock_person(user)
        if issued is not None and entry.pk is None:
            copy = (
                PainLog.objects.for_user(user)
                .filter(kind=entry.kind, pain=entry.pain, note=entry.note, created_at__gte=issued)
                .order_by("pk")
                .first()
            )
            if copy is not None:
                return Saved(copy, stored=False)
        if entry.kind == PainLog.Kind.MORNING:
            day = local_day(entry.logged_at, tz)
            existing = morning_log_on(user, day, tz, besides=entry.pk)
            if replace is not None and (existing is None or existing.pk != replace):
                raise Http404("No such morning log to replace.")
            if existing is not None and replace is None:
                return Clash(existing, entry)
            if existing is not None:
                old = existing.pain
                existing.pain = entry.pain
                existing.note = entry.note or existing.note
                existing.save(update_fields=["pain", "note"])
                if entry.pk is not None:  # a changed log that became this morning's twin
                    entry.delete()
                return Saved(existing, stored=True, replaced=old)
        elif replace is not None:
            raise Http404("Only a morning log replaces another.")
        entry.user = user
        entry.save()
        return Saved(entry, stored=True)


def save_checkin(user: Any, checkin: PegCheckin, *, issued: datetime | None) -> PegCheckin:
    """Store a weekly check-in once: a copy of the same form's Save returns the first."""
    with transaction.atomic():
        lock_person(user)
        if issued is not None:
            answers = {"pain": checkin.pain, "enjoyment": checkin.enjoyment}
            copy = (
                PegCheckin.objects.for_user(user)
                .filter(**answers, activity=checkin.activity, created_at__gte=issued)
                .order_by("pk")
                .first()
            )
            if copy is not None:
                return copy
        checkin.user = user
        checkin.save()
        return checkin


def delete_log(user: Any, entry: PainLog) -> str:
    """Delete a log; returns the signed token that undoes it for ``UNDO_SECONDS``."""
    data = {
        "user": user.pk,
        "kind": entry.kind,
        "pain": entry.pain,
        "note": entry.note,
        "at": entry.logged_at.timestamp(),
        "session": entry.session_id,
    }
    with transaction.atomic():
        lock_person(user)
        PainLog.objects.filter(pk=entry.pk, user=user).delete()
    return signing.dumps(data, salt=UNDO_SALT)


def _own_undo(user: Any, token: str | None, max_age: int | None) -> dict[str, Any] | None:
    """What a delete token of this person's holds, if it is younger than ``max_age``."""
    try:
        data = signing.loads(token or "", salt=UNDO_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) and data.get("user") == user.pk else None


def undo_data(user: Any, token: str | None) -> dict[str, Any] | None:
    """What a delete token holds, when it is this person's and still fresh."""
    return _own_undo(user, token, UNDO_SECONDS)


def undo_expired(user: Any, token: str | None) -> bool:
    """Whether a delete token is this person's but its time to undo has run out."""
    return undo_data(user, token) is None and _own_undo(user, token, None) is not None


def restore_log(user: Any, token: str | None, tz: tzinfo) -> PainLog | None:
    """Put a deleted log back, once; None when the token is not valid (any more)
    or the day has a morning log again."""
    data = undo_data(user, token)
    if data is None:
        return None
    at = datetime.fromtimestamp(float(data["at"]), tz=UTC)
    with transaction.atomic():
        lock_person(user)
        same = PainLog.objects.for_user(user).filter(
            kind=data["kind"], pain=data["pain"], note=data["note"], logged_at=at
        )
        if (found := same.first()) is not None:
            return found  # already put back
        if data["kind"] == PainLog.Kind.MORNING and morning_log_on(user, local_day(at, tz), tz):
            return None
        session = data["session"]
        if session is not None and not Session.objects.filter(pk=session, user=user).exists():
            session = None
        entry = PainLog.objects.create(
            user=user,
            kind=data["kind"],
            pain=data["pain"],
            note=data["note"],
            logged_at=at,
            session_id=session,
        )
        return entry
