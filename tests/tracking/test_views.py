"""Pain logging, editing and deleting, and the weekly PEG-3 check-in."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import set_zone, zone_where_it_is
from tests.screening.builders import make_screening
from tests.tracking.builders import make_log, make_session
from tracking.models import PainLog, PegCheckin, ShareLink

pytestmark = pytest.mark.django_db

LOG = reverse("tracking:log")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def joined_long_ago(alice):
    alice.date_joined = timezone.now() - timedelta(days=90)
    alice.save(update_fields=["date_joined"])
    return alice


def test_it_requires_login(client) -> None:
    response = client.get(LOG)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_it_shows_the_log_page(client_alice) -> None:
    response = client_alice.get(LOG)
    assert response.status_code == 200
    assert b"<legend>How much pain do you have?</legend>" in response.content


def test_it_logs_pain_and_redirects(client_alice, alice) -> None:
    response = client_alice.post(LOG, {"pain": "4", "kind": "evening", "note": "After gardening"})
    assert response.status_code == 302
    entry = PainLog.objects.get(user=alice)
    assert (entry.pain, entry.kind, entry.note) == (4, "evening", "After gardening")
    assert abs((timezone.now() - entry.logged_at).total_seconds()) < 60


def test_it_leaves_the_0_to_10_check_to_the_database(client_alice, alice) -> None:
    with CaptureQueriesContext(connection) as queries:
        client_alice.post(LOG, {"quick": "1", "kind": "morning", "pain": "3"}, **HTMX)
        client_alice.post(reverse("tracking:peg"), {"pain": "5", "enjoyment": "4", "activity": "6"})
    assert not [q for q in queries.captured_queries if "_check" in q["sql"]]
    assert PainLog.objects.get(user=alice).pain == 3
    assert PegCheckin.objects.get(user=alice).pain == 5


def test_the_database_still_refuses_a_pain_over_10(alice) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PainLog.objects.create(user=alice, pain=11)


def test_it_logs_quick_morning_pain_as_a_fragment(client_alice, alice) -> None:
    set_zone(alice, zone_where_it_is(9))
    response = client_alice.post(LOG, {"quick": "1", "kind": "morning", "pain": "6"}, **HTMX)
    assert response.status_code == 200
    assert b'id="quick-log"' in response.content
    assert b"<html" not in response.content
    assert b"Saved: morning pain 6 out of 10." in response.content
    assert PainLog.objects.get(user=alice).kind == "morning"


def test_it_quick_logs_without_htmx_and_goes_to_the_dashboard(client_alice, alice) -> None:
    response = client_alice.post(LOG, {"quick": "1", "kind": "morning", "pain": "0"})
    assert response["Location"] == reverse("tracking:dashboard")
    assert PainLog.objects.get(user=alice).pain == 0


def test_it_quick_log_kind_follows_the_persons_clock_not_the_page(client_alice, alice) -> None:
    client_alice.post(LOG, {"quick": "1", "kind": "before", "pain": "3"}, **HTMX)
    entry = PainLog.objects.get(user=alice)
    local = entry.logged_at.astimezone(alice.profile.zone)
    assert entry.kind == ("morning" if local.hour < 12 else "other")


@pytest.mark.parametrize("pain", ["11", "-1", "abc", "", "3.5", "1e1"])
def test_it_refuses_a_pain_that_is_not_0_to_10(client_alice, pain: str) -> None:
    response = client_alice.post(LOG, {"pain": pain, "kind": "morning"})
    assert response.status_code == 200
    assert b"0 to 10" in response.content or b"from 0 (no pain)" in response.content
    assert not PainLog.objects.exists()


@pytest.mark.parametrize("pain", ["11", "x"])
def test_it_returns_the_quick_form_with_a_message(client_alice, pain: str) -> None:
    response = client_alice.post(LOG, {"quick": "1", "kind": "morning", "pain": pain}, **HTMX)
    assert response.status_code == 200
    assert b"Pain is a whole number from 0 to 10" in response.content
    assert not PainLog.objects.exists()


def test_it_refuses_a_kind_made_for_sessions(client_alice) -> None:
    response = client_alice.post(LOG, {"pain": "3", "kind": "after"})
    assert b"Choose morning, evening or other time." in response.content
    assert not PainLog.objects.exists()


def test_it_refuses_a_time_in_the_future(client_alice) -> None:
    later = timezone.localtime() + timedelta(hours=2)
    data = {"pain": "3", "kind": "other", "logged_at": later.strftime("%Y-%m-%dT%H:%M")}
    response = client_alice.post(LOG, data)
    assert b"That time is in the future." in response.content
    assert not PainLog.objects.exists()


def test_it_refuses_a_time_before_sign_up(client_alice, alice) -> None:
    before = timezone.localtime(alice.date_joined) - timedelta(days=1)
    data = {"pain": "3", "kind": "other", "logged_at": before.strftime("%Y-%m-%dT%H:%M")}
    response = client_alice.post(LOG, data)
    assert b"before you joined Limber" in response.content
    assert not PainLog.objects.exists()


def test_it_refuses_a_note_over_500_characters(client_alice) -> None:
    response = client_alice.post(LOG, {"pain": "3", "kind": "other", "note": "x" * 501})
    assert b"Keep the note to 500 characters or fewer (it has 501)." in response.content
    assert not PainLog.objects.exists()


def test_it_accepts_a_note_of_exactly_500_characters(client_alice, alice) -> None:
    client_alice.post(LOG, {"pain": "3", "kind": "other", "note": "x" * 500})
    assert len(PainLog.objects.get(user=alice).note) == 500


def test_it_reads_a_missed_time_in_the_persons_time_zone(client, make_user) -> None:
    carla = make_user("carla", time_zone="America/New_York")
    carla.date_joined = datetime(2026, 1, 1, tzinfo=UTC)
    carla.save()
    client.force_login(carla)
    client.post(LOG, {"pain": "5", "kind": "morning", "logged_at": "2026-03-02T07:30"})
    assert PainLog.objects.get(user=carla).logged_at == datetime(2026, 3, 2, 12, 30, tzinfo=UTC)


def test_it_is_405_for_other_methods(client_alice) -> None:
    assert client_alice.put(LOG).status_code == 405


# --- edit and delete --------------------------------------------------------------


def test_it_edits_an_own_log(client_alice, joined_long_ago) -> None:
    entry = make_log(joined_long_ago, 7, at=timezone.now() - timedelta(days=1))
    url = reverse("tracking:log-edit", args=[entry.pk])
    assert client_alice.get(url).status_code == 200
    response = client_alice.post(url, {"pain": "5", "kind": "evening", "note": "better"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.pain, entry.kind, entry.note) == (5, "evening", "better")


def test_it_keeps_the_time_when_the_edit_leaves_it_empty(client_alice, joined_long_ago) -> None:
    at = timezone.now() - timedelta(days=3)
    entry = make_log(joined_long_ago, 7, at=at)
    url = reverse("tracking:log-edit", args=[entry.pk])
    client_alice.post(url, {"pain": "2", "kind": "morning", "logged_at": ""})
    entry.refresh_from_db()
    assert entry.logged_at == at


def test_it_keeps_the_kind_of_a_session_log(client_alice, joined_long_ago) -> None:
    session = make_session(joined_long_ago, at=timezone.now() - timedelta(days=1))
    entry = session.pain_logs.get(kind="before")
    url = reverse("tracking:log-edit", args=[entry.pk])
    client_alice.post(url, {"pain": "9", "kind": "morning"})
    entry.refresh_from_db()
    assert (entry.pain, entry.kind) == (9, "before")


def test_it_refuses_a_bad_edit_and_changes_nothing(client_alice, joined_long_ago) -> None:
    entry = make_log(joined_long_ago, 7)
    url = reverse("tracking:log-edit", args=[entry.pk])
    response = client_alice.post(url, {"pain": "12", "kind": "morning"})
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.pain == 7


@pytest.mark.parametrize("name", ["tracking:log-edit", "tracking:log-delete"])
def test_it_is_404_for_another_persons_log(client_alice, bob, name: str) -> None:
    entry = make_log(bob, 7)
    assert client_alice.get(reverse(name, args=[entry.pk])).status_code == 404
    assert client_alice.post(reverse(name, args=[entry.pk]), {"pain": "1"}).status_code == 404
    entry.refresh_from_db()
    assert entry.pain == 7


def test_it_asks_before_deleting(client_alice, alice) -> None:
    entry = make_log(alice, 7)
    response = client_alice.get(reverse("tracking:log-delete", args=[entry.pk]))
    assert b"Delete this pain log?" in response.content
    assert PainLog.objects.filter(pk=entry.pk).exists()


def test_it_deletes_after_confirming(client_alice, alice) -> None:
    entry = make_log(alice, 7)
    response = client_alice.post(reverse("tracking:log-delete", args=[entry.pk]))
    assert response["Location"] == LOG
    assert not PainLog.objects.filter(pk=entry.pk).exists()


def test_it_lists_only_own_logs(client_alice, alice, bob) -> None:
    make_log(alice, 3, note="mine")
    make_log(bob, 9, note="not mine")
    response = client_alice.get(LOG)
    assert b"mine" in response.content
    assert b"not mine" not in response.content


# --- PEG-3 -------------------------------------------------------------------------


def test_it_saves_a_peg_check_in(client_alice, alice) -> None:
    data = {"pain": "6", "enjoyment": "5", "activity": "7"}
    response = client_alice.post(reverse("tracking:peg"), data)
    assert response.status_code == 302
    assert PegCheckin.objects.get(user=alice).score == 6.0


def test_it_refuses_an_incomplete_peg(client_alice) -> None:
    response = client_alice.post(reverse("tracking:peg"), {"pain": "6", "enjoyment": "11"})
    assert response.status_code == 200
    assert b"Pain is a whole number from 0 to 10" in response.content
    assert not PegCheckin.objects.exists()


def test_an_unanswered_peg_question_is_asked_on_its_own_scale(client_alice) -> None:
    page = client_alice.post(reverse("tracking:peg"), {"pain": ""}).content.decode()
    pain = "Choose a number from 0 (no pain) to 10 (worst pain you can imagine)."
    interference = "Choose a number from 0 (not at all) to 10 (completely)."
    assert (page.count(pain), page.count(interference)) == (1, 2)
    assert not PegCheckin.objects.exists()


def test_the_check_in_page_says_when_this_weeks_is_already_answered(client_alice, alice) -> None:
    page = client_alice.get(reverse("tracking:peg")).content.decode()
    assert "You answered the check-in on" not in page
    answered = timezone.now() - timedelta(days=2)
    PegCheckin.objects.create(user=alice, pain=5, enjoyment=5, activity=5, checked_at=answered)
    day = timezone.localdate(answered)
    page = client_alice.get(reverse("tracking:peg")).content.decode()
    assert (
        f"You answered the check-in on {day:%A} {day.day} {day:%B}; the next one is due on "
        f"{day + timedelta(days=7):%A} {(day + timedelta(days=7)).day} "
        f"{day + timedelta(days=7):%B}. If you answer now, both check-ins are kept."
    ) in page


def test_it_offers_the_peg_once_a_week(client_alice, alice) -> None:
    assert b"Answer the weekly check-in" in client_alice.get(LOG).content
    PegCheckin.objects.create(user=alice, pain=5, enjoyment=5, activity=5)
    assert b"Answer the weekly check-in" not in client_alice.get(LOG).content


# --- the clinician report -------------------------------------------------------------

REPORT = reverse("tracking:report")
TARGET = "planned sessions this week"


def test_it_hides_the_weekly_target_in_the_report_of_a_blocked_person(client_alice, alice) -> None:
    make_screening(alice, "emergency")
    make_session(alice, at=timezone.now() - timedelta(minutes=30))
    content = client_alice.get(REPORT).content.decode()
    assert "Back pain progress report" in content
    assert TARGET not in content and "Current streak" not in content
    assert "1 session in this period." in content


def test_it_hides_the_weekly_target_in_a_shared_report_of_a_blocked_person(client, alice) -> None:
    make_screening(alice, "urgent")
    _, token = ShareLink.create_for(alice, timezone.now())
    content = client.get(reverse("tracking:shared-report", args=[token])).content.decode()
    assert "Back pain progress report" in content
    assert TARGET not in content


def test_it_shows_the_weekly_target_in_the_report_of_an_allowed_person(client_alice, alice) -> None:
    make_screening(alice, "clear")
    content = client_alice.get(REPORT).content.decode()
    assert TARGET in content and "Current streak" in content


def test_the_reports_period_links_mark_the_period_shown(client_alice) -> None:
    content = client_alice.get(REPORT, {"period": "4w"}).content.decode()
    nav = content.split('aria-label="Report period"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r"<a [^>]*>[^<]*</a>", nav) == [
        '<a href="/progress/report/?period=4w" aria-current="page">4 weeks</a>',
        '<a href="/progress/report/?period=6w">6 weeks</a>',
        '<a href="/progress/report/?period=12w">12 weeks</a>',
        '<a href="/progress/report/?period=all">All time</a>',
    ]


# --- the report starts at the first log and speaks to the right person ---------------


def test_it_starts_the_report_at_the_first_log(client_alice, joined_long_ago) -> None:
    first = timezone.now() - timedelta(days=3)
    make_log(joined_long_ago, 4, at=first)
    content = client_alice.get(REPORT).content.decode()
    start, today = timezone.localtime(first).date(), timezone.localdate()
    assert f"{start.day} {start:%b %Y} to {today.day} {today:%b %Y}" in content
    assert "Your first trend appears after a week of morning logs: 1 of 7 so far." in content


def test_a_new_accounts_report_covers_today_only(client_alice) -> None:
    today = timezone.localdate()
    content = client_alice.get(REPORT).content.decode()
    assert f"{today.day} {today:%b %Y} to {today.day} {today:%b %Y}" in content


def test_the_shared_report_speaks_to_the_clinician(client, alice) -> None:
    make_log(alice, 4)
    _, token = ShareLink.create_for(alice, timezone.now())
    content = client.get(reverse("tracking:shared-report", args=[token])).content.decode()
    assert "Their first trend appears after a week of morning logs: 1 of 7 so far." in content
    assert "from their first week" in content
    assert "Your first trend" not in content and "your first week" not in content
