"""The reminders page, the calendar link and the unsubscribe page."""

import re
import threading
from datetime import UTC, date, datetime, time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tracking.models import ReminderSent, ReminderSettings
from tracking.reminders import Due, Reminder

pytestmark = pytest.mark.django_db

URL = reverse("tracking:reminders")
LINK_URL = reverse("tracking:calendar-link")
END_URL = reverse("tracking:calendar-link-end")
TIME_MESSAGE = "Enter a time of day, like 09:00 in the morning or 18:30 in the evening."


def form(**changes) -> dict[str, str]:
    data = {"morning_log": "07:30", "first_session": "09:00", "second_session": "18:00"}
    return {**data, **changes}


def test_it_asks_a_stranger_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_suggests_times_and_stores_nothing_on_a_get(client_alice):
    response = client_alice.get(URL)
    assert response.status_code == 200
    assert b'value="08:00"' in response.content
    assert b'value="alice@example.com"' in response.content
    assert ReminderSettings.objects.count() == 0


def test_it_saves_the_times_with_email_off_by_default(client_alice, alice):
    response = client_alice.post(URL, form(email="alice@example.com"))
    assert response.status_code == 302
    stored = ReminderSettings.objects.get(user=alice)
    assert (stored.morning_log, stored.first_session, stored.second_session) == (
        time(7, 30),
        time(9),
        time(18),
    )
    assert stored.email_on is False


def test_it_turns_email_on_when_asked(client_alice, alice):
    client_alice.post(URL, form(email_on="on", email="a.smith@example.org"))
    stored = ReminderSettings.objects.get(user=alice)
    assert (stored.email_on, stored.email) == (True, "a.smith@example.org")


def test_it_keeps_times_to_the_minute(client_alice, alice):
    client_alice.post(URL, form(first_session="09:15:42"))
    assert ReminderSettings.objects.get(user=alice).first_session == time(9, 15)


@pytest.mark.parametrize("bad", ["abc", "25:00", "9am", "12:60", "-1:00"])
def test_it_refuses_a_time_that_is_not_a_time(client_alice, bad):
    response = client_alice.post(URL, form(first_session=bad))
    assert response.status_code == 200
    assert TIME_MESSAGE in response.content.decode()
    assert ReminderSettings.objects.count() == 0


def test_it_leaves_saved_times_alone_after_a_bad_one(client_alice, alice):
    client_alice.post(URL, form())
    client_alice.post(URL, form(morning_log="07:45", first_session="abc"))
    assert ReminderSettings.objects.get(user=alice).morning_log == time(7, 30)


def test_it_refuses_an_email_address_that_is_not_valid(client_alice):
    response = client_alice.post(URL, form(email_on="on", email="not an address"))
    assert "Enter an email address like name@example.com." in response.content.decode()
    assert ReminderSettings.objects.count() == 0


def test_it_asks_for_an_address_when_email_is_turned_on(client_alice):
    response = client_alice.post(URL, form(email_on="on", email=""))
    assert "Enter the email address for your reminders." in response.content.decode()
    assert ReminderSettings.objects.count() == 0


def test_it_refuses_the_same_time_for_both_sessions(client_alice):
    response = client_alice.post(URL, form(second_session="09:00"))
    assert "Choose a different time from your first session." in response.content.decode()
    assert ReminderSettings.objects.count() == 0


def test_it_puts_a_single_session_time_first(client_alice, alice):
    client_alice.post(URL, form(first_session="", second_session="17:00"))
    stored = ReminderSettings.objects.get(user=alice)
    assert (stored.first_session, stored.second_session) == (time(17), None)


def test_it_shows_the_calendar_link_once_and_keeps_only_its_hash(client_alice, alice):
    response = client_alice.post(LINK_URL)
    assert response.status_code == 200
    page = response.content.decode()
    prefix = "http://testserver/calendar/"
    start = page.index(prefix)
    token = page[start + len(prefix) : page.index(".ics", start)]
    stored = ReminderSettings.objects.get(user=alice)
    assert stored.calendar_hint == token[-4:]
    assert token not in stored.calendar_token_hash
    assert token not in str(dict(client_alice.session))
    assert client_alice.get(f"/calendar/{token}.ics").status_code == 200
    assert prefix not in client_alice.get(URL).content.decode()


def test_the_new_calendar_link_opens_in_a_calendar_app_and_takes_the_focus(client_alice):
    page = client_alice.post(LINK_URL).content.decode()
    shown = re.search(
        r'<textarea id="new-calendar-url"[^>]*>(http://testserver/[^<]+)</textarea>', page
    )
    assert shown is not None and "autofocus" in shown.group(0)
    subscribe = "webcal://" + shown.group(1).removeprefix("http://")
    assert f'<a class="button" href="{subscribe}">Open it in your calendar app</a>' in page
    assert client_alice.get(subscribe.replace("webcal://testserver", "")).status_code == 200


def test_it_makes_a_first_link_with_the_suggested_times(client_alice, alice):
    client_alice.post(LINK_URL)
    stored = ReminderSettings.objects.get(user=alice)
    assert (stored.morning_log, stored.first_session, stored.second_session) == (
        time(8),
        time(9),
        time(18),
    )
    assert stored.email_on is False


def test_it_keeps_saved_times_when_a_link_is_made(client_alice, alice):
    client_alice.post(URL, form(second_session=""))
    client_alice.post(LINK_URL)
    stored = ReminderSettings.objects.get(user=alice)
    assert (stored.first_session, stored.second_session) == (time(9), None)


def test_it_refuses_a_get_on_the_calendar_link(client_alice):
    assert client_alice.get(LINK_URL).status_code == 405
    assert ReminderSettings.objects.count() == 0


def test_it_switches_the_calendar_link_off(client_alice, alice):
    client_alice.post(LINK_URL)
    token = ReminderSettings.objects.get(user=alice).new_calendar_link(date(2026, 11, 29))
    response = client_alice.post(END_URL)
    assert response.status_code == 302
    assert ReminderSettings.objects.get(user=alice).calendar_token_hash is None
    assert client_alice.get(f"/calendar/{token}.ics").status_code == 404


def test_it_leaves_another_persons_link_alone(client, alice, bob):
    token = ReminderSettings.objects.create(user=alice).new_calendar_link(date(2026, 11, 29))
    client.force_login(bob)
    client.post(END_URL)
    assert client.get(f"/calendar/{token}.ics").status_code == 200


def test_it_shows_each_person_only_their_own_settings(client_bob, alice):
    ReminderSettings.objects.create(
        user=alice, morning_log=time(6, 5), email="a@example.org", confirmed_email="a@example.org"
    )
    page = client_bob.get(URL).content.decode()
    assert 'value="06:05"' not in page
    assert "a@example.org" not in page


def test_it_links_the_account_page_to_reminders(client_alice):
    page = client_alice.get(reverse("profile")).content.decode()
    assert f'href="{URL}"' in page


# --- Unsubscribe ----------------------------------------------------------------


@pytest.fixture
def emailed(alice):
    """Alice with email on, and the token of one reminder email she was sent."""
    ReminderSettings.objects.create(
        user=alice,
        morning_log=time(7, 30),
        email_on=True,
        email="alice@example.com",
        confirmed_email="alice@example.com",
    )
    due = Due(Reminder.MORNING_LOG, date(2026, 11, 29), datetime(2026, 11, 29, 7, 30, tzinfo=UTC))
    _, token = ReminderSent.claim(alice, due, datetime(2026, 11, 29, 7, 30, tzinfo=UTC))
    return token


def stop_url(token: str) -> str:
    return reverse("tracking:reminders-unsubscribe", args=[token])


def test_it_asks_before_stopping_and_a_get_changes_nothing(client, alice, emailed):
    response = client.get(stop_url(emailed))
    assert response.status_code == 200
    shown = response.content.decode()
    assert "Stop email reminders" in shown
    # Not yet done: nobody should close the page thinking it is.
    assert "Reminder emails are still on. Press the button below to stop them" in shown
    assert ReminderSettings.objects.get(user=alice).email_on is True


def test_the_link_opened_again_after_stopping_says_they_are_stopped(client, alice, emailed):
    client.post(stop_url(emailed))

    shown = client.get(stop_url(emailed)).content.decode()

    assert "Reminder emails were already stopped: nothing more to do." in shown
    assert "still on" not in shown
    assert "<form" not in shown.split("<main", 1)[1].split("</main>", 1)[0]


def test_it_stops_email_with_one_post_without_login_or_csrf(alice, emailed):
    client = Client(enforce_csrf_checks=True)
    response = client.post(stop_url(emailed), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Email reminders stopped" in response.content.decode()
    stored = ReminderSettings.objects.get(user=alice)
    assert (stored.email_on, stored.morning_log) == (False, time(7, 30))


def test_it_is_a_404_for_a_forged_unsubscribe_token(client, alice, emailed):
    assert client.get(stop_url("forged-token")).status_code == 404
    assert client.post(stop_url("forged-token")).status_code == 404
    assert ReminderSettings.objects.get(user=alice).email_on is True


def test_it_is_a_404_for_an_unsubscribe_token_whose_email_is_gone(client, alice, emailed):
    ReminderSent.objects.filter(user=alice).delete()
    assert client.post(stop_url(emailed)).status_code == 404


SAVES = 5


@pytest.mark.django_db(transaction=True)
def test_it_stores_one_row_for_a_first_save_sent_five_times_at_once(alice):
    first = Client()
    first.force_login(alice)
    clients = [first] + [Client() for _ in range(SAVES - 1)]
    for other in clients[1:]:
        other.cookies = first.cookies  # the same person, the same login
    start = threading.Barrier(SAVES)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def save(client: Client) -> None:
        try:
            start.wait()
            statuses.append(client.post(URL, form()).status_code)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection: give it back

    threads = [threading.Thread(target=save, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert statuses == [302] * SAVES
    assert ReminderSettings.objects.filter(user=alice).count() == 1


# --- reminders go only to a confirmed address -------------------------------------------


def reminded(alice) -> bool:
    return ReminderSettings.objects.emailing().filter(user=alice).exists()


def confirm_link(mail) -> str:
    found = re.search(r"http://testserver(/reminders/confirm/[^/\s]+/)", mail.body)
    assert found is not None, mail.body
    return found.group(1)


def test_a_new_address_gets_a_link_and_no_reminder_until_its_owner_opens_it(
    client_alice, alice, client, mailoutbox
):
    """A typo must not send reminders from a back-pain app to a stranger."""
    response = client_alice.post(URL, form(email_on="on", email="a.smith@example.org"), follow=True)
    assert "We sent a link to a.smith@example.org." in response.content.decode()
    assert "Waiting for you to confirm a.smith@example.org" in response.content.decode()
    assert [m.to for m in mailoutbox] == [["a.smith@example.org"]]
    assert "pain" not in mailoutbox[0].body.lower()  # nothing about health in it
    assert "The link works for 7 days." in mailoutbox[0].body
    assert not reminded(alice)
    link = confirm_link(mailoutbox[0])
    page = client.get(link)  # from the mail app, signed in or not: a GET changes nothing
    assert "Send Limber's reminders to a.smith@example.org?" in page.content.decode()
    assert not reminded(alice)
    done = client.post(link)
    assert "Reminder emails are on" in done.content.decode()
    assert reminded(alice)


def test_the_accounts_own_confirmed_address_needs_no_link(client_alice, alice, mailoutbox):
    alice.profile.email_verified = True
    alice.profile.save(update_fields=["email_verified"])
    client_alice.post(URL, form(email_on="on", email=alice.email))
    assert mailoutbox == []
    assert reminded(alice)


def test_an_unconfirmed_account_address_is_asked_too(client_alice, alice, mailoutbox):
    client_alice.post(URL, form(email_on="on", email=alice.email))
    assert [m.to for m in mailoutbox] == [[alice.email]]
    assert not reminded(alice)


def test_a_changed_address_needs_its_own_confirmation(client_alice, alice, client, mailoutbox):
    client_alice.post(URL, form(email_on="on", email="first@example.org"))
    client.post(confirm_link(mailoutbox[0]))
    assert reminded(alice)
    client_alice.post(URL, form(email_on="on", email="second@example.org"))
    assert not reminded(alice)
    # The first address's link now confirms nothing.
    assert client.post(confirm_link(mailoutbox[0])).status_code == 404
    assert not reminded(alice)


@pytest.mark.parametrize("token", ["forged", "x" * 80, "eyJ1c2VyIjoxfQ:1abc:def"])
def test_a_forged_confirmation_link_is_404(client, alice, token):
    assert client.get(reverse("tracking:reminders-confirm", args=[token])).status_code == 404
    assert client.post(reverse("tracking:reminders-confirm", args=[token])).status_code == 404


def test_an_expired_confirmation_link_is_404(client_alice, alice, client, mailoutbox, monkeypatch):
    from tracking import reminder_mail

    client_alice.post(URL, form(email_on="on", email="a.smith@example.org"))
    monkeypatch.setattr(reminder_mail, "CONFIRM_MAX_AGE", -1)
    assert client.post(confirm_link(mailoutbox[0])).status_code == 404
    assert not reminded(alice)


AGAIN_URL = reverse("tracking:reminders-confirm-again")


def test_new_times_while_an_address_waits_send_no_second_link(client_alice, alice, mailoutbox):
    client_alice.post(URL, form(email_on="on", email="a.smith@example.org"), follow=True)
    again = form(email_on="on", email="a.smith@example.org", first_session="08:15")
    page = client_alice.post(URL, again, follow=True).content.decode()
    assert [m.to for m in mailoutbox] == [["a.smith@example.org"]]
    assert ReminderSettings.objects.get(user=alice).first_session == time(8, 15)
    assert "We sent a link" not in page
    assert 'form="confirm-again"' in page and "Send the link again" in page


def test_email_turned_off_and_on_again_sends_a_new_link(client_alice, alice, mailoutbox):
    client_alice.post(URL, form(email_on="on", email="a.smith@example.org"))
    client_alice.post(URL, form(email="a.smith@example.org"))
    client_alice.post(URL, form(email_on="on", email="a.smith@example.org"))
    assert [m.to for m in mailoutbox] == [["a.smith@example.org"]] * 2


def test_send_the_link_again_sends_one_that_works(client_alice, alice, client, mailoutbox):
    client_alice.post(URL, form(email_on="on", email="a.smith@example.org"))
    page = client_alice.post(AGAIN_URL, follow=True).content.decode()
    assert "We sent a link to a.smith@example.org." in page
    assert [m.to for m in mailoutbox] == [["a.smith@example.org"]] * 2
    client.logout()
    assert "Reminder emails are on" in client.post(confirm_link(mailoutbox[1])).content.decode()
    assert reminded(alice)


def test_links_to_one_address_are_limited_whoever_asks(
    client_alice, alice, bob, settings, mailoutbox
):
    """Neither one account nor several can fill a stranger's inbox from this page."""
    settings.LIMBER_THROTTLES = {**settings.LIMBER_THROTTLES, "reminder-address": 2}
    client_alice.post(URL, form(email_on="on", email="a.smith@example.org"))
    client_alice.post(AGAIN_URL)
    page = client_alice.post(AGAIN_URL, follow=True).content.decode()
    assert (
        "No new link was sent: a.smith@example.org has had 2 in the last hour. "
        "Open the newest one, or ask again in an hour." in page
    )
    as_bob = Client()
    as_bob.force_login(bob)
    as_bob.post(URL, form(email_on="on", email="A.Smith@example.org"))
    assert len(mailoutbox) == 2
    # Refused links lose nothing else: Bob's choices are saved, waiting as Alice's are.
    assert ReminderSettings.objects.get(user=bob).email_on
    assert not reminded(alice) and not reminded(bob)


@pytest.mark.parametrize("state", ["none", "off", "confirmed"])
def test_send_the_link_again_sends_nothing_when_nothing_waits(
    client_alice, alice, mailoutbox, state
):
    if state != "none":
        ReminderSettings.objects.create(
            user=alice,
            email="a.smith@example.org",
            email_on=state == "confirmed",
            confirmed_email="a.smith@example.org" if state == "confirmed" else "",
        )
    response = client_alice.post(AGAIN_URL)
    assert (response.status_code, response["Location"]) == (302, URL)
    assert mailoutbox == []
    assert ReminderSettings.objects.filter(user=alice).count() == (state != "none")


def test_send_the_link_again_is_a_post_for_a_signed_in_person(client, client_alice):
    assert client_alice.get(AGAIN_URL).status_code == 405
    client_alice.logout()
    response = client.post(AGAIN_URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
