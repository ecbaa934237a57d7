"""Which reminders a person gets, and which are due at a given instant.

Pure Python: the moment and the person's zone are passed in. Times are wall-clock
times in the person's own zone, so a 09:00 session stays at 09:00 across a change
of the clocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from config.time_zones import local_day


class Reminder(StrEnum):
    FIRST_SESSION = "session-1"
    SECOND_SESSION = "session-2"
    MORNING_LOG = "morning"


SESSION_REMINDERS = frozenset({Reminder.FIRST_SESSION, Reminder.SECOND_SESSION})

# What each reminder is called in a calendar and an email subject: no health values.
TITLES = {
    Reminder.FIRST_SESSION: "Limber: stretch session",
    Reminder.SECOND_SESSION: "Limber: stretch session",
    Reminder.MORNING_LOG: "Limber: morning log",
}

# Cron runs the sender every few minutes. A reminder found later than this
# (the machine was down) is not sent: "time to stretch" hours late is noise.
SEND_WINDOW = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class ReminderTimes:
    """The times a person chose, in their own zone; None is "no reminder"."""

    first_session: time | None = None
    second_session: time | None = None
    morning_log: time | None = None

    def chosen(self) -> tuple[tuple[Reminder, time], ...]:
        pairs = (
            (Reminder.MORNING_LOG, self.morning_log),
            (Reminder.FIRST_SESSION, self.first_session),
            (Reminder.SECOND_SESSION, self.second_session),
        )
        return tuple((reminder, at) for reminder, at in pairs if at is not None)


@dataclass(frozen=True, slots=True)
class Due:
    reminder: Reminder
    day: date  # the person's local day the reminder belongs to
    at: datetime  # the instant it fell due


def reaches(reminder: Reminder, *, may_stretch: bool) -> bool:
    """Nobody whose safety standing stops them stretching is told it is time to
    stretch; the morning log (how is your back?) is for everyone."""
    return may_stretch or reminder not in SESSION_REMINDERS


def offered(times: ReminderTimes, *, may_stretch: bool) -> tuple[tuple[Reminder, time], ...]:
    """The reminders a person gets now, in the order of the day's routine."""
    return tuple(
        (reminder, at)
        for reminder, at in times.chosen()
        if reaches(reminder, may_stretch=may_stretch)
    )


def scheduled_at(day: date, at: time, zone: tzinfo) -> datetime:
    """The instant a wall-clock time falls on a local day.

    A time the clocks skip (spring forward) keeps the offset from before the
    change, so it lands an hour later on the clock; a time that comes twice
    (fall back) is its first occurrence.
    """
    local = datetime.combine(day, at.replace(fold=0), tzinfo=zone)
    # In UTC: a skipped or doubled wall time never compares equal across zones.
    return local.astimezone(UTC)


def due_reminders(
    times: ReminderTimes, *, now: datetime, zone: tzinfo, window: timedelta = SEND_WINDOW
) -> tuple[Due, ...]:
    """Reminders whose time came within `window` before `now`, each with its local day.

    Yesterday is looked at too, so a reminder at 23:50 is still sent at 00:05.
    """
    today = local_day(now, zone)
    due = []
    for reminder, at in times.chosen():
        for day in (today - timedelta(days=1), today):
            start = scheduled_at(day, at, zone)
            if start <= now < start + window:
                due.append(Due(reminder, day, start))
    return tuple(due)


def allowed(due: tuple[Due, ...], *, may_stretch: bool) -> tuple[Due, ...]:
    """Drop session reminders for a person who may not stretch now."""
    return tuple(d for d in due if reaches(d.reminder, may_stretch=may_stretch))
