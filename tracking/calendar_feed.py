"""A person's routine as an iCalendar subscription (RFC 5545), built with `icalendar`.

A daily repeating event for each chosen time, in the person's own zone (with its
VTIMEZONE, so a 09:00 session stays at 09:00 across a change of the clocks),
each with an alarm. It names the task and links to Limber, nothing else: no
pain score, no note, no safety answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vDuration

from tracking.reminders import SESSION_REMINDERS, TITLES, Reminder, ReminderTimes, offered
from tracking.reminders import scheduled_at as start_of

# Calendar apps are asked to check for new times twice a day.
REFRESH = timedelta(hours=12)
SESSION_LENGTH = timedelta(minutes=10)  # a stage-1 session takes about 10 minutes
LOG_LENGTH = timedelta(minutes=5)
ZONE_RULES_AHEAD = timedelta(days=5 * 366)

DESCRIPTIONS = {
    Reminder.FIRST_SESSION: "Time for your stretch session. Open Limber to start: {today}",
    Reminder.SECOND_SESSION: "Time for your second stretch session. Open Limber to start: {today}",
    Reminder.MORNING_LOG: (
        "How is your back this morning? Log it in Limber, and say whether any pain "
        "from yesterday's session lasted more than 2 hours: {log}"
    ),
}


@dataclass(frozen=True, slots=True)
class Links:
    today: str  # where a session starts
    log: str  # where the morning log and the next-day question are


def build_feed(
    times: ReminderTimes,
    *,
    zone: ZoneInfo,
    may_stretch: bool,
    since: date,
    uid_base: str,
    links: Links,
    now: datetime,
) -> bytes:
    """The calendar as bytes. `uid_base` keeps each event's UID stable for one
    link, so a changed time moves the event rather than adding a second one."""
    calendar = Calendar()
    calendar.add("prodid", "-//Limber//Reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Limber")
    calendar.add("x-wr-timezone", zone.key)
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    # The zone's rules from the first event to a few years ahead, before the events.
    until = now.date() + ZONE_RULES_AHEAD
    calendar.add_component(Timezone.from_tzid(zone.key, first_date=since, last_date=until))
    for reminder, at in offered(times, may_stretch=may_stretch):
        start = start_of(since, at, zone).astimezone(zone)
        calendar.add_component(_event(reminder, start, uid_base, links, now))
    return calendar.to_ical()


def _event(
    reminder: Reminder, start: datetime, uid_base: str, links: Links, now: datetime
) -> Event:
    is_session = reminder in SESSION_REMINDERS
    description = DESCRIPTIONS[reminder].format(today=links.today, log=links.log)
    event = Event()
    event.add("uid", f"{reminder}-{uid_base}@limber")
    event.add("dtstamp", now)
    event.add("summary", TITLES[reminder])
    event.add("description", description)
    event.add("url", links.today if is_session else links.log)
    event.add("dtstart", start)
    event.add("duration", SESSION_LENGTH if is_session else LOG_LENGTH)
    event.add("rrule", {"freq": "daily"})
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", TITLES[reminder])
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event
