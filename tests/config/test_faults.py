from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def database_down():
    return mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("connection refused")
    )


def test_it_shows_the_503_page_while_the_database_is_down(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with database_down():
        response = client.get(reverse("profile"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "back in a moment" in response.content.decode()


def test_it_answers_htmx_requests_with_a_short_message(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with database_down():
        response = client.get(reverse("profile"), headers={"HX-Request": "true"})
    assert response.status_code == 503
    body = response.content.decode()
    assert 'role="alert"' in body
    assert "<html" not in body


def test_it_shows_the_503_page_when_the_session_cannot_be_saved(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    lost = OperationalError("server closed the connection unexpectedly")
    # The first request after logging in stores the time zone in the session,
    # so the session is saved after the view: the database goes away just then.
    with mock.patch("config.sessions.SessionStore.save", side_effect=lost):
        response = client.get(reverse("profile"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_a_stored_change_is_not_answered_503_when_only_the_session_save_fails(alice):
    from config.models import Profile

    client = Client(raise_request_exception=False)
    client.force_login(alice)
    lost = OperationalError("server closed the connection unexpectedly")
    # The view commits the change, then adds a flash message to the session.
    with mock.patch("config.sessions.SessionStore.save", side_effect=lost):
        response = client.post(reverse("profile"), {"country": "FR", "time_zone": "Europe/Paris"})
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).country == "FR"


def test_it_reports_the_outage_on_the_health_check(client):
    with database_down():
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_it_reports_a_healthy_database(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


def test_it_recovers_as_soon_as_the_database_is_back(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with database_down():
        assert client.get(reverse("profile")).status_code == 503
    assert client.get(reverse("profile")).status_code == 200


def test_it_shows_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@pytest.mark.urls("tests.config.boom_urls")
def test_it_shows_a_calm_500_page_for_a_bug():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
