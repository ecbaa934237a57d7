"""A person's session cue choices (sounds, spoken cues), kept on their account."""

from __future__ import annotations

import pytest
from django.urls import reverse

from config.models import Profile

pytestmark = pytest.mark.django_db
URL = reverse("cues")


@pytest.mark.parametrize(
    ("name", "value"), [("sounds", "off"), ("speech", "on"), ("speech", "off")]
)
def test_it_keeps_the_choice(client_alice, alice, name, value) -> None:
    response = client_alice.post(URL, {"name": name, "value": value})

    assert response.status_code == 204
    assert getattr(Profile.objects.get(user=alice), name) == value


@pytest.mark.parametrize(
    "data",
    [{"name": "time_zone", "value": "on"}, {"name": "speech", "value": "loud"}, {}],
    ids=["another field", "not on or off", "empty"],
)
def test_it_refuses_anything_else_and_stores_nothing(client_alice, alice, data) -> None:
    response = client_alice.post(URL, data)

    assert response.status_code == 400
    profile = Profile.objects.get(user=alice)
    assert (profile.sounds, profile.speech, profile.time_zone) == ("on", "", "UTC")


def test_it_needs_a_post(client_alice) -> None:
    assert client_alice.get(URL).status_code == 405


def test_it_needs_a_signed_in_person(client) -> None:
    response = client.post(URL, {"name": "speech", "value": "on"})

    assert response.status_code == 302
    assert Profile.objects.count() == 0


def test_the_session_page_carries_the_persons_choices(client_alice, alice, screened) -> None:
    from tests.tracking.session_builders import start_session

    Profile.objects.filter(user=alice).update(sounds="off", speech="on")
    session = start_session(alice)
    session.position = 1
    session.save()

    page = client_alice.get(reverse("tracking:session", args=[session.pk])).content.decode()

    assert 'data-sounds="off"' in page
    assert 'data-speech="on"' in page
