import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from config.models import AuditEvent, Profile
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def signup(client, **overrides):
    data = {
        "username": "carol",
        "email": "carol@example.com",
        "time_zone": "Europe/London",
        "country": "GB",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return client.post(reverse("signup"), data)


def test_it_signs_up_and_logs_the_person_in(client):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("screening:start")
    user = get_user_model().objects.get(username="carol")
    assert Profile.objects.get(user=user).time_zone == "Europe/London"
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"password1": "password", "password2": "password"}, "too common"),
        ({"password1": "12345678901", "password2": "12345678901"}, "entirely numeric"),
        ({"password1": "abc", "password2": "abc"}, "too short"),
        ({"password2": "something-else-entirely"}, "match"),
        ({"username": ""}, "This field is required"),
        ({"time_zone": "Mars/Olympus"}, "Choose your time zone from the list"),
        ({"country": ""}, "Choose the country you live in"),
    ],
)
def test_it_rejects_bad_sign_ups_with_a_message(client, overrides, message):
    response = signup(client, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(username="carol").exists()


@pytest.mark.parametrize(
    ("overrides", "focused"),
    [
        ({}, "username"),  # a fresh page: the first field
        ({"country": ""}, "country"),
        ({"password2": "something-else-entirely", "country": ""}, "password2"),
        ({"username": "", "country": ""}, "username"),
    ],
)
def test_a_refused_sign_up_puts_the_focus_on_the_first_field_in_error(client, overrides, focused):
    """A missing country was reported 1,000 px down while the focus sat on Username."""
    page = signup(client, **overrides) if overrides else client.get(reverse("signup"))
    autofocus = re.findall(
        r'<(?:input|select)[^>]*\bname="(\w+)"[^>]*\bautofocus\b', page.content.decode()
    )
    autofocus += re.findall(
        r'<(?:input|select)[^>]*\bautofocus\b[^>]*\bname="(\w+)"', page.content.decode()
    )
    assert autofocus == [focused]


def test_a_sign_up_with_a_used_email_looks_like_any_other(client, alice, mailoutbox):
    # The answer must not tell whether the address has an account: same
    # status, same next page, one email either way.
    fresh = signup(Client(), username="dora", email="dora@example.com")
    used = signup(client, email="ALICE@example.com")
    assert (used.status_code, used["Location"]) == (fresh.status_code, fresh["Location"])
    assert [m.to for m in mailoutbox] == [["dora@example.com"], ["alice@example.com"]]
    carol = get_user_model().objects.get(username="carol")
    assert carol.email == "alice@example.com"
    assert Profile.objects.get(user=carol).email_verified is False


def test_the_owner_of_a_used_address_is_told_and_gets_no_link(client, alice, mailoutbox):
    signup(client, email="alice@example.com")
    (notice,) = mailoutbox
    assert notice.subject == "Someone signed up to Limber with your email address"
    assert "/accounts/verify-email/" not in notice.body


def test_a_reset_for_a_used_address_reaches_only_its_confirmed_owner(client, alice, mailoutbox):
    Profile.objects.filter(user=alice).update(email_verified=True)
    signup(client, email="alice@example.com")
    mailoutbox.clear()
    Client().post(reverse("password_reset"), {"email": "alice@example.com"})
    (mail,) = mailoutbox
    assert "Hello alice," in mail.body


@pytest.mark.parametrize(
    "username, message",
    [
        ("\u0430lice", "one alphabet"),  # a Cyrillic letter a, then Latin
        ("\uff41\uff44\uff4d\uff49\uff4e", "kept for Limber"),  # full-width "admin"
        ("Support", "kept for Limber"),
        ("limber_2", "kept for Limber"),
        ("ALICE", "already exists"),
    ],
)
def test_it_refuses_look_alike_and_reserved_names(client, alice, username, message):
    response = signup(client, username=username)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert get_user_model().objects.count() == 1


def test_it_accepts_a_name_in_one_other_alphabet(client):
    assert signup(client, username="\u0437\u043e\u044f").status_code == 302  # зоя


def test_it_logs_in_with_the_right_password(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert AuditEvent.objects.filter(user=alice, action="login").exists()


def test_it_refuses_a_wrong_password_with_a_message(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong-password"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_logs_out_only_by_post(client_alice):
    assert client_alice.get(reverse("logout")).status_code == 405
    response = client_alice.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client_alice.session


def test_it_changes_the_password(client_alice, alice):
    response = client_alice.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase-9",
            "new_password2": "a-new-long-passphrase-9",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-new-long-passphrase-9")


def test_it_refuses_a_password_change_with_the_wrong_old_password(client_alice, alice):
    response = client_alice.post(
        reverse("password_change"),
        {
            "old_password": "nope",
            "new_password1": "a-new-long-passphrase-9",
            "new_password2": "a-new-long-passphrase-9",
        },
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_it_locks_out_after_repeated_failures_with_429(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert (
            client.post(reverse("login"), {"username": "alice", "password": "bad"}).status_code
            == 200
        )
    response = client.post(reverse("login"), {"username": "alice", "password": "bad"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    # Even the right password is refused while locked out.
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_sends_a_password_reset_link_that_works_once(client, alice, mailoutbox):
    Profile.objects.filter(user=alice).update(email_verified=True)
    client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    new = "another-long-passphrase-7"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new)
    # The same link does not work a second time.
    assert "no longer works" in client.get(path, follow=True).content.decode()


def test_it_saves_the_time_zone_on_the_profile(client_alice, alice):
    response = client_alice.post(
        reverse("profile"), {"time_zone": "America/New_York", "country": "GB"}
    )
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).time_zone == "America/New_York"


def test_it_refuses_an_unknown_time_zone(client_alice, alice):
    response = client_alice.post(reverse("profile"), {"time_zone": "Nowhere/Land", "country": "GB"})
    assert response.status_code == 200
    assert "Choose your time zone from the list" in response.content.decode()
    assert Profile.objects.get(user=alice).time_zone == "UTC"


def test_it_accepts_any_real_time_zone_not_only_the_common_ones(client):
    signup(client, time_zone="Asia/Kathmandu")
    assert Profile.objects.get(user__username="carol").time_zone == "Asia/Kathmandu"


def test_it_keeps_an_uncommon_zone_in_the_list_on_the_profile(client_alice, alice):
    Profile.objects.filter(user=alice).update(time_zone="Asia/Kathmandu")
    body = client_alice.get(reverse("profile")).content.decode()
    assert '<option value="Asia/Kathmandu" selected>' in body


def test_it_stores_the_country_chosen_at_sign_up(client):
    signup(client, country="NZ")
    assert Profile.objects.get(user__username="carol").country == "NZ"


def test_it_stores_another_country_as_the_fallback(client):
    signup(client, country="other")
    assert Profile.objects.get(user__username="carol").country == ""


def test_it_refuses_an_unknown_country_and_creates_no_one(client):
    response = signup(client, country="XX")
    assert response.status_code == 200
    assert "Choose your country from the list" in response.content.decode()
    assert not get_user_model().objects.filter(username="carol").exists()
    assert not Profile.objects.exists()


def test_it_keeps_the_chosen_country_when_the_form_comes_back(client):
    body = signup(client, country="IE", password2="something-else").content.decode()
    assert '<option value="IE" selected' in body


def test_it_asks_the_country_with_its_reason_at_sign_up(client):
    body = client.get(reverse("signup")).content.decode()
    assert "Which country do you live in?" in body
    assert "right emergency number" in body
    assert 'data-country="suggest"' in body
    assert '<option value="GB" data-zones="Europe/London' in body


def test_it_changes_the_country_on_the_profile(client_alice, alice):
    response = client_alice.post(reverse("profile"), {"time_zone": "UTC", "country": "US"})
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).country == "US"


def test_it_refuses_an_unknown_country_on_the_profile(client_alice, alice):
    response = client_alice.post(reverse("profile"), {"time_zone": "Asia/Tokyo", "country": "ZZ"})
    assert response.status_code == 200
    assert "Choose your country from the list" in response.content.decode()
    assert Profile.objects.filter(user=alice).values_list("country", "time_zone").get() == (
        "GB",
        "UTC",
    )


def test_it_shows_the_stored_country_on_the_profile(client_alice):
    body = client_alice.get(reverse("profile")).content.decode()
    assert '<option value="GB" selected>United Kingdom</option>' in body


def test_it_never_writes_on_a_profile_get(client_alice, alice):
    query = {"country": "US", "time_zone": "Asia/Tokyo"}
    assert client_alice.get(reverse("profile"), query).status_code == 200
    assert Profile.objects.filter(user=alice).values_list("country", "time_zone").get() == (
        "GB",
        "UTC",
    )


def test_it_never_signs_up_on_a_get(client):
    query = {"username": "carol", "country": "GB", "password1": PASSWORD}
    assert client.get(reverse("signup"), query).status_code == 200
    assert not get_user_model().objects.filter(username="carol").exists()


def test_the_sign_up_page_stays_small(client):
    # A list of every zone on Earth would weigh 35 KB on every phone.
    assert len(client.get(reverse("signup")).content) < 12_000


def test_it_activates_the_persons_time_zone(rf, make_user):
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse
    from django.utils import timezone

    from config.middleware import UserTimezoneMiddleware

    seen = {}

    def view(request):
        seen["tz"] = str(timezone.get_current_timezone())
        return HttpResponse()

    request = rf.get("/")
    request.user = make_user("dan", time_zone="Asia/Tokyo")
    request.session = SessionStore()
    UserTimezoneMiddleware(view)(request)
    assert seen["tz"] == "Asia/Tokyo"
    assert str(timezone.get_current_timezone()) == "UTC"
