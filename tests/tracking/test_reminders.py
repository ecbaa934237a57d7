"""The pure reminder rules: what is offered, and what is due at an instant in a zone."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tracking.reminders import (
    Due,
    Reminder,
    ReminderTimes,
    allowed,
    due_reminders,
    offered,
    reaches,
    scheduled_at,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")
ALL = ReminderTimes(first_session=time(9), second_session=time(18), morning_log=time(7, 30))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("reminder", "may_stretch", "expected"),
    [
        (Reminder.FIRST_SESSION, True, True),
        (Reminder.SECOND_SESSION, True, True),
        (Reminder.MORNING_LOG, True, True),
        (Reminder.FIRST_SESSION, False, False),
        (Reminder.SECOND_SESSION, False, False),
        (Reminder.MORNING_LOG, False, True),
    ],
)
def test_it_tells_only_people_who_may_stretch_to_stretch(reminder, may_stretch, expected):
    assert reaches(reminder, may_stretch=may_stretch) is expected


def test_it_offers_the_chosen_times_in_the_order_of_the_day():
    assert offered(ALL, may_stretch=True) == (
        (Reminder.MORNING_LOG, time(7, 30)),
        (Reminder.FIRST_SESSION, time(9)),
        (Reminder.SECOND_SESSION, time(18)),
    )


def test_it_offers_only_the_morning_log_to_someone_who_may_not_stretch():
    assert offered(ALL, may_stretch=False) == ((Reminder.MORNING_LOG, time(7, 30)),)


def test_it_offers_nothing_when_nothing_is_chosen():
    assert offered(ReminderTimes(), may_stretch=True) == ()


@pytest.mark.parametrize(
    ("day", "at", "zone", "expected_utc"),
    [
        # Winter and summer in London: the same 09:00 is a different instant.
        (date(2026, 3, 28), time(9), LONDON, utc(2026, 3, 28, 9)),
        (date(2026, 3, 29), time(9), LONDON, utc(2026, 3, 29, 8)),
        # 01:30 does not exist on 29 March 2026 in London: it lands at 02:30 BST.
        (date(2026, 3, 29), time(1, 30), LONDON, utc(2026, 3, 29, 1, 30)),
        # 01:30 comes twice on 25 October 2026: the first one (BST).
        (date(2026, 10, 25), time(1, 30), LONDON, utc(2026, 10, 25, 0, 30)),
        (date(2026, 10, 25), time(1, 30, fold=1), LONDON, utc(2026, 10, 25, 0, 30)),
        (date(2026, 11, 29), time(9), KOLKATA, utc(2026, 11, 29, 3, 30)),
    ],
)
def test_it_places_a_wall_clock_time_in_the_zone(day, at, zone, expected_utc):
    assert scheduled_at(day, at, zone) == expected_utc


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (utc(2026, 11, 29, 7, 29), ()),  # a minute early
        (utc(2026, 11, 29, 7, 30), ((Reminder.MORNING_LOG, date(2026, 11, 29)),)),
        (utc(2026, 11, 29, 7, 59), ((Reminder.MORNING_LOG, date(2026, 11, 29)),)),
        (utc(2026, 11, 29, 8, 0), ()),  # half an hour late: not sent
        (utc(2026, 11, 29, 9, 5), ((Reminder.FIRST_SESSION, date(2026, 11, 29)),)),
        (utc(2026, 11, 29, 18, 0), ((Reminder.SECOND_SESSION, date(2026, 11, 29)),)),
        (utc(2026, 11, 29, 12, 0), ()),
    ],
)
def test_it_finds_what_is_due_within_half_an_hour(now, expected):
    due = due_reminders(ALL, now=now, zone=LONDON)
    assert tuple((d.reminder, d.day) for d in due) == expected


def test_it_gives_the_instant_each_reminder_fell_due():
    due = due_reminders(ALL, now=utc(2026, 11, 29, 9, 10), zone=LONDON)
    assert due == (Due(Reminder.FIRST_SESSION, date(2026, 11, 29), utc(2026, 11, 29, 9)),)


def test_it_sends_a_late_evening_reminder_after_midnight_for_the_day_it_belongs_to():
    times = ReminderTimes(first_session=time(23, 50))
    due = due_reminders(times, now=utc(2026, 11, 30, 0, 5), zone=LONDON)
    assert tuple((d.reminder, d.day) for d in due) == (
        (Reminder.FIRST_SESSION, date(2026, 11, 29)),
    )


def test_it_takes_the_day_in_the_persons_zone_not_in_utc():
    # 20:00 UTC on 29 November is 01:30 on 30 November in Kolkata.
    times = ReminderTimes(morning_log=time(1, 15))
    due = due_reminders(times, now=utc(2026, 11, 29, 20), zone=KOLKATA)
    assert due == (Due(Reminder.MORNING_LOG, date(2026, 11, 30), utc(2026, 11, 29, 19, 45)),)


def test_it_keeps_nine_oclock_at_nine_across_the_spring_change_of_the_clocks():
    times = ReminderTimes(first_session=time(9))
    # Saturday: 09:00 GMT is 09:00 UTC. Sunday: 09:00 BST is 08:00 UTC.
    assert [d.day for d in due_reminders(times, now=utc(2026, 3, 28, 9), zone=LONDON)] == [
        date(2026, 3, 28)
    ]
    assert due_reminders(times, now=utc(2026, 3, 29, 9), zone=LONDON) == ()
    assert [d.day for d in due_reminders(times, now=utc(2026, 3, 29, 8), zone=LONDON)] == [
        date(2026, 3, 29)
    ]


def test_it_keeps_nine_oclock_at_nine_across_the_autumn_change_in_new_york():
    times = ReminderTimes(morning_log=time(9))
    # 1 November 2026: clocks go back; 09:00 EST is 14:00 UTC (13:00 the day before).
    assert [d.day for d in due_reminders(times, now=utc(2026, 10, 31, 13), zone=NEW_YORK)] == [
        date(2026, 10, 31)
    ]
    assert due_reminders(times, now=utc(2026, 11, 1, 13), zone=NEW_YORK) == ()
    assert [d.day for d in due_reminders(times, now=utc(2026, 11, 1, 14), zone=NEW_YORK)] == [
        date(2026, 11, 1)
    ]


def test_it_uses_a_narrower_window_when_asked():
    due = due_reminders(ALL, now=utc(2026, 11, 29, 9, 10), zone=LONDON, window=timedelta(minutes=5))
    assert due == ()


def test_it_keeps_only_the_morning_log_for_someone_who_may_not_stretch():
    due = (
        Due(Reminder.MORNING_LOG, date(2026, 11, 29), utc(2026, 11, 29, 7, 30)),
        Due(Reminder.FIRST_SESSION, date(2026, 11, 29), utc(2026, 11, 29, 7, 30)),
    )
    assert allowed(due, may_stretch=False) == due[:1]
    assert allowed(due, may_stretch=True) == due
