import pytest
from django.test import Client
from django.urls import reverse

from config.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def signed_in(username: str = "alice", password: str = PASSWORD) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302
    return client


def is_signed_in(client: Client) -> bool:
    return client.get(reverse("profile")).status_code == 200


def test_it_ends_other_sessions_at_logout(alice):
    phone, laptop = signed_in(), signed_in()
    assert is_signed_in(phone) and is_signed_in(laptop)
    phone.post(reverse("logout"))
    assert not is_signed_in(phone)
    assert not is_signed_in(laptop)


def test_it_ends_other_sessions_when_the_password_changes(alice):
    phone, laptop = signed_in(), signed_in()
    new = "a-brand-new-passphrase-4"
    response = phone.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert is_signed_in(phone)
    assert not is_signed_in(laptop)


def test_logging_out_later_ends_the_session_that_changed_the_password(alice):
    phone = signed_in()
    new = "a-brand-new-passphrase-4"
    phone.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    laptop = signed_in(password=new)
    laptop.post(reverse("logout"))  # logging out ends every other session
    assert not is_signed_in(phone)


def test_it_leaves_other_peoples_sessions_alone(alice, bob):
    alice_client, bob_client = signed_in("alice"), signed_in("bob")
    alice_client.post(reverse("logout"))
    assert is_signed_in(bob_client)


@pytest.mark.parametrize(
    "action",
    ["login", "logout", "login-failed", "password-change"],
)
def test_it_audits_account_events(alice, action):
    client = signed_in()
    Client().post(reverse("login"), {"username": "alice", "password": "wrong"})
    new = "a-brand-new-passphrase-4"
    client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    client.post(reverse("logout"))
    event = AuditEvent.objects.filter(action=action).latest("at")
    assert event.username == "alice"
    assert event.ip == "127.0.0.1"


def test_audit_events_cannot_be_rewritten(alice):
    event = AuditEvent.objects.create(user=alice, username="alice", action="login")
    event.action = "logout"
    with pytest.raises(ValueError, match="cannot be changed"):
        event.save()
