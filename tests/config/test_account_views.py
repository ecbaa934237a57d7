"""Confirming an email address, counting wrong passwords, and deleting an account."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.emails import verification_token
from config.models import AuditEvent, Profile, SignIn
from tests.conftest import PASSWORD
from tracking.models import PainLog, ShareLink

pytestmark = pytest.mark.django_db


def verify_url(user) -> str:
    return reverse("verify-email", args=[verification_token(user)])


# --- Confirming an address --------------------------------------------------------


def test_sign_up_sends_a_link_that_confirms_the_address(client, mailoutbox):
    client.post(
        reverse("signup"),
        {
            "username": "carol",
            "email": "Carol@Example.com",
            "time_zone": "Europe/London",
            "country": "GB",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    (mail,) = mailoutbox
    assert mail.to == ["carol@example.com"]
    path = next(w for w in mail.body.split() if "/accounts/verify-email/" in w)
    path = path.removeprefix("http://testserver")
    carol = get_user_model().objects.get(username="carol")
    assert client.get(path).status_code == 200
    assert Profile.objects.get(user=carol).email_verified is False  # a GET changes nothing
    assert "is confirmed" in client.post(path).content.decode()
    assert Profile.objects.get(user=carol).email_verified is True


def test_a_confirmed_address_then_receives_reset_links(client, alice, mailoutbox):
    client.post(verify_url(alice))
    client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert len(mailoutbox) == 1


def test_an_unconfirmed_address_receives_no_reset_link(client, alice, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert response.status_code == 302  # the same answer as for a known address
    assert mailoutbox == []


@pytest.mark.parametrize("token", ["nope", "x" * 80, "eyJ1c2VyIjoxfQ:forged:signature"])
def test_a_forged_or_unknown_link_is_a_404(client, alice, token):
    assert client.get(reverse("verify-email", args=[token])).status_code == 404
    assert client.post(reverse("verify-email", args=[token])).status_code == 404
    assert Profile.objects.get(user=alice).email_verified is False


def test_a_link_for_an_old_address_no_longer_works(client, alice):
    url = verify_url(alice)
    get_user_model().objects.filter(pk=alice.pk).update(email="new@example.com")
    assert client.post(url).status_code == 404
    assert Profile.objects.get(user=alice).email_verified is False


def test_a_replayed_link_changes_nothing_more(client, alice):
    url = verify_url(alice)
    client.post(url)
    assert client.post(url).status_code == 200
    assert AuditEvent.objects.filter(action="email-verified").count() == 1


def test_an_address_confirmed_by_its_owner_cannot_be_confirmed_again_elsewhere(
    client, alice, make_user
):
    Profile.objects.filter(user=alice).update(email_verified=True)
    squatter = make_user("mallory")
    get_user_model().objects.filter(pk=squatter.pk).update(email="alice@example.com")
    squatter.refresh_from_db()
    assert client.post(verify_url(squatter)).status_code == 404
    assert Profile.objects.get(user=squatter).email_verified is False


def test_the_account_page_sends_the_link_again(client_alice, alice, mailoutbox):
    assert "not confirmed yet" in client_alice.get(reverse("profile")).content.decode()
    client_alice.post(reverse("verify-email-send"))
    assert [m.to for m in mailoutbox] == [["alice@example.com"]]


# --- Throttles ----------------------------------------------------------------------


def test_sign_ups_from_one_ip_are_limited(settings):
    settings.LIMBER_THROTTLES = {**settings.LIMBER_THROTTLES, "signup": 2}
    client = Client()
    for name in ("one", "two"):
        client.post(reverse("signup"), {"username": name})
    response = client.post(reverse("signup"), {"username": "three"})
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    other = Client(REMOTE_ADDR="198.51.100.4").post(reverse("signup"), {"username": "four"})
    assert other.status_code == 200


def test_reset_emails_for_one_address_are_limited(client, alice, mailoutbox, settings):
    Profile.objects.filter(user=alice).update(email_verified=True)
    statuses = [
        Client(REMOTE_ADDR=f"198.51.100.{i}")
        .post(reverse("password_reset"), {"email": "alice@example.com"})
        .status_code
        for i in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mailoutbox) == 3


def test_reset_requests_from_one_ip_are_limited(client, settings):
    settings.LIMBER_THROTTLES = {**settings.LIMBER_THROTTLES, "password-reset": 2}
    for i in range(2):
        client.post(reverse("password_reset"), {"email": f"n{i}@example.com"})
    assert client.post(reverse("password_reset"), {"email": "z@example.com"}).status_code == 429


# --- Wrong passwords to confirm an action ---------------------------------------------

NEW = "a-brand-new-passphrase-4"
CONFIRMS = {
    "tracking:data-delete": lambda pw: {"password": pw},
    "account-delete": lambda pw: {"password": pw},
    "password_change": lambda pw: {"old_password": pw, "new_password1": NEW, "new_password2": NEW},
}


@pytest.mark.parametrize("name", sorted(CONFIRMS))
def test_wrong_passwords_count_like_failed_logins_and_end_the_session(
    client_alice, alice, name, settings
):
    PainLog.objects.create(user=alice, pain=4, kind="morning", logged_at=timezone.now())
    url, data = reverse(name), CONFIRMS[name]("not-my-password")
    statuses = [
        client_alice.post(url, data).status_code for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert "_auth_user_id" not in client_alice.session
    assert AuditEvent.objects.filter(action="login-failed", username="alice").count() == 5
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD) and PainLog.objects.filter(user=alice).exists()
    # The name is locked like after five failed log-ins.
    login = Client().post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert login.status_code == 429


# --- Delete my account --------------------------------------------------------------


def test_it_asks_for_the_password_and_says_what_is_kept(client_alice):
    page = client_alice.get(reverse("account-delete")).content.decode()
    assert 'autocomplete="current-password"' in page
    assert "What is kept, and why" in page


def test_a_wrong_password_deletes_nothing(client_alice, alice):
    response = client_alice.post(reverse("account-delete"), {"password": "nope"})
    assert "That password is not right. Nothing was deleted." in response.content.decode()
    assert get_user_model().objects.filter(pk=alice.pk).exists()


def test_deleting_the_account_needs_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(reverse("account-delete"), {"password": PASSWORD}).status_code == 403
    assert get_user_model().objects.filter(pk=alice.pk).exists()


def test_deleting_the_account_needs_a_post(client_alice, alice):
    client_alice.get(reverse("account-delete"), {"password": PASSWORD})
    assert get_user_model().objects.filter(pk=alice.pk).exists()


def test_it_deletes_the_person_and_everything_tied_to_them(alice, bob, make_screening):
    phone, laptop = Client(), Client()
    for client in (phone, laptop):
        client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    Client().post(reverse("login"), {"username": "alice", "password": "wrong"})
    Client().post(reverse("login"), {"username": "bob", "password": PASSWORD})
    make_screening(alice, tier="clinician")
    PainLog.objects.create(user=alice, pain=7, kind="morning", logged_at=timezone.now())
    _, token = ShareLink.create_for(alice, timezone.now())
    AuditEvent.objects.create(user=alice, username="alice", action="safety-alarm", ip="1.2.3.4")

    response = phone.post(reverse("account-delete"), {"password": PASSWORD})

    assert response["Location"] == reverse("account-deleted")
    assert "Your account is deleted" in phone.get(response["Location"]).content.decode()
    assert not get_user_model().objects.filter(username="alice").exists()
    assert not PainLog.objects.exists() and not ShareLink.objects.exists()
    assert laptop.get(reverse("profile")).status_code == 302
    assert not SignIn.objects.exclude(user__username="bob").exists()
    assert Session.objects.count() == 1  # bob's
    assert not AccessAttempt.objects.filter(username="alice").exists()
    assert not AccessLog.objects.filter(username="alice").exists()
    assert Client().get(reverse("tracking:shared-report", args=[token])).status_code == 404
    # Audit rows keep their kind and time, and nothing that points at alice.
    rows = AuditEvent.objects.exclude(username="bob")
    assert {"login", "login-failed", "safety-alarm", "account-delete"} <= set(
        rows.values_list("action", flat=True)
    )
    assert set(rows.values_list("user", "username", "ip", "object_type", "object_id")) == {
        (None, "", None, "", "")
    }
    assert AuditEvent.objects.filter(username="bob").exists()
