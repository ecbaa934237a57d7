"""One client IP for login throttling and the audit log, and only trusted
proxies' word for it."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from config.clientip import client_ip
from config.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def via(xff: str | None = None, remote: str = PROXY):
    headers = {"REMOTE_ADDR": remote}
    if xff is not None:
        headers["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    "proxies, xff, expected",
    [
        (0, None, PROXY),
        (0, "203.0.113.5", PROXY),  # no proxy configured: the header is anyone's
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # the client wrote the left part
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (2, "203.0.113.5", PROXY),  # fewer hops than proxies: not to be trusted
        (1, "not-an-ip", PROXY),
        (1, "", PROXY),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_it_finds_the_client_behind_the_configured_proxies(settings, proxies, xff, expected):
    settings.LIMBER_PROXY_COUNT = proxies
    assert client_ip(via(xff)) == expected


def fail_login(client: Client, client_address: str | None) -> int:
    extra = {"HTTP_X_FORWARDED_FOR": client_address} if client_address else {}
    response = client.post(
        reverse("login"), {"username": "alice", "password": "wrong"}, REMOTE_ADDR=PROXY, **extra
    )
    return response.status_code


def test_behind_one_proxy_a_stranger_cannot_lock_alice_out(client, alice, settings):
    settings.LIMBER_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        fail_login(Client(), "198.51.100.66")
    assert fail_login(Client(), "198.51.100.66") == 429
    response = Client().post(
        reverse("login"),
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert response.status_code == 302


def test_behind_one_proxy_the_audit_log_holds_the_clients_ip(client, alice, settings):
    settings.LIMBER_PROXY_COUNT = 1
    fail_login(client, "6.6.6.6, 203.0.113.5")
    assert AuditEvent.objects.get(action="login-failed").ip == "203.0.113.5"


def test_without_a_proxy_a_forged_header_does_not_escape_the_lockout(client, alice, settings):
    settings.LIMBER_PROXY_COUNT = 0
    for i in range(settings.AXES_FAILURE_LIMIT):
        fail_login(Client(), f"198.51.100.{i}")
    assert fail_login(Client(), "198.51.100.200") == 429
    assert set(AuditEvent.objects.values_list("ip", flat=True)) == {PROXY}
