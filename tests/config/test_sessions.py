"""Sessions end after idle time and at an absolute cap; flash messages stay on the server."""

import time

import pytest
from django.contrib import messages
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from config.messages import OncePerNoticeStorage
from config.middleware import REMEMBER_KEY, SEEN_KEY, SINCE_KEY
from config.sessions import SessionStore
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

MINUTE, HOUR, DAY = 60, 60 * 60, 24 * 60 * 60
SAVED = "Your pain log is saved."


def logged_in(remember: bool = False) -> Client:
    client = Client()
    data = {"username": "alice", "password": PASSWORD, **({"remember": "on"} if remember else {})}
    assert client.post(reverse("login"), data).status_code == 302
    return client


def age(client: Client, *, since: int, seen: int) -> None:
    """Pretend the session began `since` seconds ago and was last used `seen` ago."""
    session = client.session
    now = int(time.time())
    session[SINCE_KEY], session[SEEN_KEY] = now - since, now - seen
    session.save()


def test_it_ends_a_session_idle_for_more_than_30_minutes(alice):
    client = logged_in()
    age(client, since=31 * MINUTE, seen=31 * MINUTE)
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?ended=1&next=%2Faccounts%2Fprofile%2F"
    assert "_auth_user_id" not in client.session


def test_it_keeps_a_session_used_within_30_minutes(alice):
    client = logged_in()
    age(client, since=5 * HOUR, seen=29 * MINUTE)
    assert client.get(reverse("profile")).status_code == 200


def test_using_the_session_moves_the_idle_clock(alice):
    client = logged_in()
    age(client, since=HOUR, seen=20 * MINUTE)
    client.get(reverse("profile"))
    assert int(time.time()) - client.session[SEEN_KEY] < MINUTE


def test_it_ends_any_session_after_12_hours_however_busy(alice):
    client = logged_in()
    age(client, since=12 * HOUR + MINUTE, seen=0)
    assert client.get(reverse("profile")).status_code == 302


def test_keep_me_signed_in_lasts_14_days_without_an_idle_timeout(alice):
    client = logged_in(remember=True)
    assert client.session[REMEMBER_KEY] is True
    assert client.session.get_expiry_age() == 14 * DAY
    age(client, since=13 * DAY, seen=3 * DAY)
    assert client.get(reverse("profile")).status_code == 200
    age(client, since=14 * DAY + MINUTE, seen=0)
    assert client.get(reverse("profile")).status_code == 302


def test_without_keep_me_signed_in_the_cookie_ends_with_the_browser(alice):
    response = Client().post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.cookies["sessionid"]["expires"] == ""
    assert response.cookies["sessionid"]["max-age"] == ""


def test_the_idle_timeout_follows_the_setting(alice, settings):
    settings.SESSION_IDLE_SECONDS = 2 * MINUTE
    client = logged_in()
    age(client, since=3 * MINUTE, seen=3 * MINUTE)
    assert client.get(reverse("profile")).status_code == 302


def test_an_ended_session_stores_nothing_from_a_post(alice):
    from config.models import Profile

    client = logged_in()
    age(client, since=HOUR, seen=HOUR)
    response = client.post(reverse("profile"), {"country": "FR", "time_zone": "Europe/Paris"})
    assert response["Location"] == f"{reverse('login')}?ended=1"
    assert Profile.objects.get(user=alice).country == "GB"


def test_an_ended_session_tells_htmx_to_go_to_the_login_page(alice):
    client = logged_in()
    age(client, since=HOUR, seen=HOUR)
    response = client.get(reverse("profile"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(f"{reverse('login')}?ended=1")


def test_the_login_page_says_why_the_person_was_logged_out(client):
    page = client.get(f"{reverse('login')}?ended=1").content.decode()
    assert "logged you out after a while without activity" in page


def test_ending_one_idle_session_leaves_the_other_devices_signed_in(alice):
    phone, laptop = logged_in(), logged_in()
    age(phone, since=HOUR, seen=HOUR)
    phone.get(reverse("profile"))
    assert laptop.get(reverse("profile")).status_code == 200


def test_flash_messages_never_travel_in_a_cookie(client_alice):
    response = client_alice.post(reverse("profile"), {"country": "FR", "time_zone": "Europe/Paris"})
    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert "saved" in client_alice.get(reverse("profile")).content.decode()


def test_a_saved_pain_log_flash_message_holds_no_score(client_alice, alice, make_screening):
    make_screening(alice)
    client_alice.post(reverse("tracking:log"), {"kind": "evening", "pain": "6"})
    page = client_alice.get(reverse("tracking:log")).content.decode()
    assert "Your pain log is saved." in page
    assert "6 out of 10" not in page


def test_a_save_sent_twice_before_any_page_shows_its_notice_once(
    client_alice, alice, make_screening
):
    make_screening(alice)
    for pain in ("6", "5"):
        client_alice.post(reverse("tracking:log"), {"kind": "evening", "pain": pain})
    page = client_alice.get(reverse("tracking:log")).content.decode()
    assert page.count(SAVED) == 1
    # Shown, the notice is gone; a later Save queues it again.
    assert SAVED not in client_alice.get(reverse("tracking:log")).content.decode()
    client_alice.post(reverse("tracking:log"), {"kind": "evening", "pain": "4"})
    assert SAVED in client_alice.get(reverse("tracking:log")).content.decode()


def test_a_notice_already_waiting_is_not_written_to_the_session_again(
    client_alice, alice, make_screening
):
    make_screening(alice)
    client_alice.post(reverse("tracking:log"), {"kind": "evening", "pain": "6"})
    stored = Session.objects.get(session_key=client_alice.session.session_key).session_data
    client_alice.post(reverse("tracking:log"), {"kind": "evening", "pain": "5"})
    assert Session.objects.get(session_key=client_alice.session.session_key).session_data == stored


def test_notices_that_differ_all_wait():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    storage = OncePerNoticeStorage(request)
    for level, text, tags in [
        (messages.SUCCESS, "Saved.", ""),
        (messages.SUCCESS, "Saved.", ""),
        (messages.INFO, "Another notice.", ""),
        (messages.WARNING, "Saved.", ""),
        (messages.SUCCESS, "Saved.", "other"),
    ]:
        storage.add(level, text, tags)
    storage.update(HttpResponse())
    # The next request reads the same session: a copy of a waiting notice is still dropped.
    later = OncePerNoticeStorage(request)
    later.add(messages.INFO, "Another notice.")
    assert [(m.level, str(m), m.extra_tags) for m in later] == [
        (messages.SUCCESS, "Saved.", ""),
        (messages.INFO, "Another notice.", ""),
        (messages.WARNING, "Saved.", ""),
        (messages.SUCCESS, "Saved.", "other"),
    ]


@pytest.mark.parametrize(
    "headers, counts",
    [
        ({"Sec-Fetch-Mode": "navigate"}, True),
        ({"Sec-Fetch-Mode": "cors", "HX-Request": "true"}, True),
        ({"Sec-Fetch-Mode": "no-cors"}, False),  # a service worker filling its cache
        ({"Sec-Fetch-Mode": "same-origin"}, False),
        ({}, True),
    ],
)
def test_only_what_the_person_does_keeps_the_session_alive(alice, headers, counts):
    client = logged_in()
    age(client, since=HOUR, seen=20 * MINUTE)
    before = client.session[SEEN_KEY]
    assert client.get(reverse("profile"), headers=headers).status_code == 200
    assert (client.session[SEEN_KEY] != before) is counts


def test_a_changed_session_is_saved_in_one_statement(alice, django_assert_num_queries):
    from django.contrib.sessions.backends.base import UpdateError
    from django.contrib.sessions.models import Session

    from config.sessions import SessionStore

    client = logged_in()
    store = SessionStore(client.session.session_key)
    store["note"] = "kept"
    with django_assert_num_queries(1) as queries:  # loaded above: the UPDATE alone
        store.save()
    assert queries.captured_queries[0]["sql"].startswith('UPDATE "django_session"')
    assert SessionStore(store.session_key)["note"] == "kept"
    # A session deleted meanwhile (a log-out elsewhere) is not brought back.
    Session.objects.filter(session_key=store.session_key).delete()
    store["note"] = "again"
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.filter(session_key=store.session_key).exists()


def test_a_save_with_a_flash_message_changes_the_session_in_one_statement(
    client_alice, django_assert_max_num_queries
):
    client_alice.get(reverse("tracking:log"))  # the time zone is kept in the session
    with django_assert_max_num_queries(12) as queries:
        response = client_alice.post(reverse("tracking:log"), {"pain": "3", "kind": "evening"})
    assert response.status_code == 302
    sql = [q["sql"] for q in queries.captured_queries]
    writes = [i for i, q in enumerate(sql) if q.startswith('UPDATE "django_session"')]
    # The confirmation is stored: one UPDATE, with no transaction (or, inside this
    # test's transaction, no savepoint) of its own around it.
    assert len(writes) == 1
    assert not sql[writes[0] - 1].startswith("SAVEPOINT")
    assert writes[0] == len(sql) - 1
