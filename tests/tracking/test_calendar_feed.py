"""The calendar feed, read back with the icalendar library as a calendar app would."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from tracking.models import PainLog, ReminderSettings

pytestmark = pytest.mark.django_db

MORNING_TEXT = (
    "How is your back this morning? Log it in Limber, and say whether any pain "
    "from yesterday's session lasted more than 2 hours: http://testserver/log/"
)


@pytest.fixture
def carol(make_user):
    return make_user("carol", time_zone="Europe/London")


@pytest.fixture
def screened_carol(carol, make_screening):
    """Carol with a clear safety check: she may stretch."""
    return make_screening(carol)


def subscribe(user, **times) -> str:
    """Times as chosen on the reminders page, and a calendar link; returns its token."""
    chosen = {"morning_log": time(7, 30), "first_session": time(9), "second_session": time(18)}
    stored = ReminderSettings.objects.create(user=user, **{**chosen, **times})
    return stored.new_calendar_link(date(2026, 11, 29))


def feed_url(token: str) -> str:
    return reverse("tracking:calendar-feed", args=[token])


def read_feed(client, token: str) -> Calendar:
    response = client.get(feed_url(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def by_summary_and_start(calendar: Calendar) -> list[tuple[str, str, str]]:
    return [
        (
            str(e["SUMMARY"]),
            e.decoded("DTSTART").strftime("%Y-%m-%d %H:%M"),
            e.decoded("DTSTART").tzinfo.key,
        )
        for e in calendar.walk("VEVENT")
    ]


def test_it_serves_a_daily_event_for_each_chosen_time_in_the_persons_zone(
    client, carol, screened_carol
):
    calendar = read_feed(client, subscribe(carol))
    assert by_summary_and_start(calendar) == [
        ("Limber: morning log", "2026-11-29 07:30", "Europe/London"),
        ("Limber: stretch session", "2026-11-29 09:00", "Europe/London"),
        ("Limber: stretch session", "2026-11-29 18:00", "Europe/London"),
    ]
    for event in calendar.walk("VEVENT"):
        assert event["RRULE"] == {"FREQ": ["DAILY"]}


def test_it_carries_the_zone_with_its_change_of_the_clocks(client, carol, screened_carol):
    calendar = read_feed(client, subscribe(carol))
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    changes = [
        (c.name, c.decoded("DTSTART").date(), c["TZOFFSETTO"].to_ical()) for c in zone.subcomponents
    ]
    # From the first event on: winter time, then the clocks forward in March 2027.
    assert changes[:3] == [
        ("STANDARD", date(2026, 11, 29), "+0000"),
        ("DAYLIGHT", date(2027, 3, 28), "+0100"),
        ("STANDARD", date(2027, 10, 31), "+0000"),
    ]


def test_it_gives_every_event_an_alarm_at_its_time(client, carol, screened_carol):
    calendar = read_feed(client, subscribe(carol))
    alarms = [(e.walk("VALARM"), str(e["SUMMARY"])) for e in calendar.walk("VEVENT")]
    assert len(alarms) == 3
    for (alarm,), summary in alarms:
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(0)
        assert str(alarm["DESCRIPTION"]) == summary


def test_it_asks_the_next_day_question_with_the_morning_log(client, carol, screened_carol):
    morning = read_feed(client, subscribe(carol)).walk("VEVENT")[0]
    assert str(morning["DESCRIPTION"]) == MORNING_TEXT
    assert str(morning["URL"]) == "http://testserver/log/"


def test_it_holds_no_health_values(client, carol, screened_carol):
    PainLog.objects.create(user=carol, pain=7, note="Sore after gardening")
    response = client.get(feed_url(subscribe(carol)))
    calendar = Calendar.from_ical(response.content)
    texts = {str(e[name]) for e in calendar.walk("VEVENT") for name in ("SUMMARY", "DESCRIPTION")}
    assert texts == {
        "Limber: morning log",
        "Limber: stretch session",
        MORNING_TEXT,
        "Time for your stretch session. Open Limber to start: http://testserver/routines/today/",
        "Time for your second stretch session. Open Limber to start: "
        "http://testserver/routines/today/",
    }
    assert b"gardening" not in response.content


def test_it_leaves_out_the_sessions_while_the_safety_standing_stops_stretching(
    client, carol, make_screening
):
    make_screening(carol, tier="emergency")
    calendar = read_feed(client, subscribe(carol))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Limber: morning log"]


def test_it_follows_changed_times_under_the_same_event(client, carol, screened_carol):
    token = subscribe(carol)
    before = read_feed(client, token).walk("VEVENT")[1]
    ReminderSettings.objects.filter(user=carol).update(first_session=time(10, 15))
    after = read_feed(client, token).walk("VEVENT")[1]
    assert after.decoded("DTSTART").strftime("%H:%M") == "10:15"
    assert str(after["UID"]) == str(before["UID"])


def test_it_serves_only_the_chosen_times(client, carol, screened_carol):
    token = subscribe(carol, morning_log=None, second_session=None)
    assert by_summary_and_start(read_feed(client, token)) == [
        ("Limber: stretch session", "2026-11-29 09:00", "Europe/London"),
    ]


def test_it_is_a_404_for_a_forged_token(client, carol):
    subscribe(carol)
    assert client.get(feed_url("not-a-real-token")).status_code == 404


def test_it_is_a_404_for_an_overlong_token(client, carol):
    subscribe(carol)
    assert client.get(feed_url("x" * 300)).status_code == 404


def test_it_is_a_404_once_the_link_is_switched_off(client, carol):
    token = subscribe(carol)
    ReminderSettings.objects.get(user=carol).end_calendar_link()
    assert client.get(feed_url(token)).status_code == 404


def test_it_is_a_404_for_the_old_link_once_a_new_one_is_made(client, carol, screened_carol):
    old = subscribe(carol)
    new = ReminderSettings.objects.get(user=carol).new_calendar_link(date(2026, 11, 30))
    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200


def test_it_keeps_only_a_hash_of_the_token(carol):
    token = subscribe(carol)
    stored = ReminderSettings.objects.get(user=carol)
    assert token not in str(stored.__dict__)
    assert len(stored.calendar_token_hash) == 64


def test_it_refuses_a_post(client, carol):
    assert client.post(feed_url(subscribe(carol))).status_code == 405
