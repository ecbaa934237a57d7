"""manage.py send_reminders: once per reminder and day, in each person's zone, never
"time to stretch" to someone whose safety standing stops them."""

import re
import threading
from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from tracking.models import PainLog, ReminderSent, ReminderSettings
from tracking.reminder_mail import send_due_reminders

pytestmark = pytest.mark.django_db

BASE = "https://limber.example.org"
NINE_UTC = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


@pytest.fixture
def at(monkeypatch):
    """Set the clock the command reads."""

    def set_now(moment: datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_now


@pytest.fixture
def opted_in(alice, make_screening):
    """Alice (UTC): a clear safety check, sessions at 09:00 and 18:00, email on."""
    make_screening(alice, created_at=NINE_UTC - timedelta(days=1))
    return ReminderSettings.objects.create(
        user=alice,
        morning_log=time(7, 30),
        first_session=time(9),
        second_session=time(18),
        email_on=True,
        email="alice@example.com",
        confirmed_email="alice@example.com",
    )


def test_it_sends_one_email_when_run_twice_in_the_same_minute(at, opted_in):
    at(NINE_UTC + timedelta(seconds=10))
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    at(NINE_UTC + timedelta(seconds=40))
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Limber: stretch session"]
    assert mail.outbox[0].to == ["alice@example.com"]
    assert ReminderSent.objects.count() == 1


def test_it_sends_again_the_next_day(at, opted_in):
    at(NINE_UTC)
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    at(NINE_UTC + timedelta(days=1))
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert len(mail.outbox) == 2


def test_it_sends_nothing_when_another_run_already_claimed_the_email(alice, opted_in):
    # An overlapping run has claimed the reminder and is still sending it.
    assert send_due_reminders(now=NINE_UTC, base_url=BASE) == 1
    assert send_due_reminders(now=NINE_UTC + timedelta(minutes=5), base_url=BASE) == 0
    assert len(mail.outbox) == 1


def test_a_run_after_the_email_went_asks_two_queries_and_no_standing(
    opted_in, django_assert_num_queries
):
    send_due_reminders(now=NINE_UTC, base_url=BASE)
    with django_assert_num_queries(2):  # what was sent, and who wants email
        assert send_due_reminders(now=NINE_UTC + timedelta(minutes=5), base_url=BASE) == 0


def test_it_sends_nothing_to_someone_who_has_not_opted_in(at, opted_in):
    ReminderSettings.objects.filter(pk=opted_in.pk).update(email_on=False)
    at(NINE_UTC)
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert mail.outbox == []
    assert ReminderSent.objects.count() == 0


def test_it_sends_nothing_to_an_account_that_is_switched_off(at, alice, opted_in):
    alice.is_active = False
    alice.save()
    at(NINE_UTC)
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert mail.outbox == []


@pytest.mark.parametrize("tier", ["emergency", "urgent", "clinician"])
def test_it_never_tells_a_blocked_person_to_stretch(at, alice, opted_in, make_screening, tier):
    make_screening(alice, tier=tier, created_at=NINE_UTC - timedelta(hours=1))
    at(NINE_UTC)
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert mail.outbox == []
    assert ReminderSent.objects.count() == 0


def test_it_still_sends_a_blocked_person_the_morning_log(at, alice, opted_in, make_screening):
    make_screening(alice, tier="emergency", created_at=NINE_UTC - timedelta(hours=3))
    at(NINE_UTC.replace(hour=7, minute=35))
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Limber: morning log"]


def test_it_does_not_ask_for_a_morning_log_already_given(at, alice, opted_in):
    PainLog.objects.create(
        user=alice, pain=4, kind="morning", logged_at=NINE_UTC.replace(hour=6, minute=50)
    )
    at(NINE_UTC.replace(hour=7, minute=31))
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert mail.outbox == []
    # Yesterday's morning log does not count for today; the session reminder still goes.
    at(NINE_UTC + timedelta(days=1, minutes=-89))
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    at(NINE_UTC + timedelta(days=1))
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Limber: morning log", "Limber: stretch session"]


def test_it_never_tells_someone_without_a_safety_check_to_stretch(at, make_user):
    dave = make_user("dave")
    ReminderSettings.objects.create(
        user=dave,
        first_session=time(9),
        email_on=True,
        email="dave@example.com",
        confirmed_email="dave@example.com",
    )
    at(NINE_UTC)
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert mail.outbox == []


def test_it_keeps_nine_oclock_in_london_across_the_change_of_the_clocks(
    at, make_user, make_screening
):
    erin = make_user("erin", time_zone="Europe/London")
    ReminderSettings.objects.create(
        user=erin,
        first_session=time(9),
        email_on=True,
        email="erin@example.com",
        confirmed_email="erin@example.com",
    )
    saturday = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)  # 09:00 GMT
    make_screening(erin, created_at=saturday - timedelta(days=1))
    at(saturday)
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert len(mail.outbox) == 1
    # Sunday 29 March: the clocks went forward; 09:00 UTC is already 10:00 in London.
    at(datetime(2026, 3, 29, 9, 0, tzinfo=UTC))
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert len(mail.outbox) == 1
    # 09:00 BST is 08:00 UTC; a run then sends Sunday's reminder.
    at(datetime(2026, 3, 29, 8, 0, tzinfo=UTC))
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert len(mail.outbox) == 2
    assert list(ReminderSent.objects.order_by("day").values_list("day", flat=True)) == [
        saturday.date(),
        datetime(2026, 3, 29).date(),
    ]


def test_it_sends_in_each_persons_own_zone(at, make_user, make_screening):
    fay = make_user("fay", time_zone="Asia/Kolkata")
    make_screening(fay, created_at=NINE_UTC - timedelta(days=1))
    ReminderSettings.objects.create(
        user=fay,
        first_session=time(14, 30),
        email_on=True,
        email="fay@example.com",
        confirmed_email="fay@example.com",
    )
    at(NINE_UTC)  # 14:30 in Kolkata
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert [m.to for m in mail.outbox] == [["fay@example.com"]]
    assert "It is 14:30: time for your stretch session." in mail.outbox[0].body


def test_it_writes_an_email_with_links_and_no_health_values(at, alice, opted_in):
    PainLog.objects.create(user=alice, pain=7, note="Sore after gardening")
    at(NINE_UTC)
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    (email,) = mail.outbox
    assert f"{BASE}/routines/today/" in email.body
    assert f"{BASE}/reminders/" in email.body
    assert "gardening" not in email.body
    # The words, not the links: a random token may hold "-7-".
    assert not re.search(r"\b7\b|/10", re.sub(r"https?://\S+", "", email.body))
    stop = re.search(rf"{BASE}/reminders/stop/[\w-]+/", email.body).group()
    assert email.extra_headers["List-Unsubscribe"] == f"<{stop}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_it_asks_the_next_day_question_in_the_morning_email(at, opted_in):
    at(NINE_UTC.replace(hour=7, minute=30))
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    (email,) = mail.outbox
    assert "whether any pain from yesterday's session lasted more than 2 hours" in email.body
    assert f"{BASE}/log/" in email.body


def test_its_unsubscribe_link_stops_the_next_email(at, alice, opted_in):
    at(NINE_UTC)
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    stop = re.search(rf"{BASE}(/reminders/stop/[\w-]+/)", mail.outbox[0].body).group(1)
    Client(enforce_csrf_checks=True).post(stop)
    at(NINE_UTC.replace(hour=18))
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert len(mail.outbox) == 1


def test_it_gives_back_the_claim_when_sending_fails(at, opted_in, monkeypatch):
    def refuse(self, fail_silently=False):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    assert send_due_reminders(now=NINE_UTC, base_url=BASE) == 0
    assert ReminderSent.objects.count() == 0
    monkeypatch.undo()
    assert send_due_reminders(now=NINE_UTC + timedelta(minutes=5), base_url=BASE) == 1


@pytest.mark.parametrize("bad", ["limber.example.org", "ftp://limber.example.org", ""])
def test_it_refuses_a_base_url_that_is_not_an_address(opted_in, bad):
    with pytest.raises(CommandError, match="--base-url must be an http"):
        call_command("send_reminders", "--base-url", bad, verbosity=0)
    assert ReminderSent.objects.count() == 0


RUNS = 5


@pytest.mark.django_db(transaction=True)
def test_it_sends_one_email_when_five_runs_overlap(alice, make_screening):
    make_screening(alice, created_at=NINE_UTC - timedelta(days=1))
    ReminderSettings.objects.create(
        user=alice,
        first_session=time(9),
        email_on=True,
        email="alice@example.com",
        confirmed_email="alice@example.com",
    )
    start = threading.Barrier(RUNS)
    counts: list[int] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            start.wait()
            counts.append(send_due_reminders(now=NINE_UTC, base_url=BASE))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection: give it back

    threads = [threading.Thread(target=send) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(counts) == [0] * (RUNS - 1) + [1]
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 1


def test_it_sends_nothing_to_an_address_nobody_confirmed(at, opted_in):
    opted_in.email = "typo@example.com"  # changed, its link not opened yet
    opted_in.save(update_fields=["email"])
    at(NINE_UTC)
    call_command("send_reminders", "--base-url", BASE, verbosity=0)
    assert mail.outbox == []
