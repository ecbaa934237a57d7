"""The next-day after-effect question: its view and its prompt partial."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.tracking.session_builders import finished_session, start_session
from tracking.models import AfterEffectCheckin

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def yesterdays(alice):
    return finished_session(alice, started_at=timezone.now() - timedelta(days=1))


def url(session) -> str:
    return reverse("tracking:session-aftereffect", args=[session.pk])


def test_it_stores_the_answer_and_goes_back(client_alice, yesterdays):
    response = client_alice.post(url(yesterdays), {"lasted_over_2h": "yes", "next": "/progress/"})
    assert response.status_code == 302 and response["Location"] == "/progress/"
    assert AfterEffectCheckin.objects.get(session=yesterdays).lasted_over_2h is True


def test_it_stores_no_as_false(client_alice, yesterdays):
    client_alice.post(url(yesterdays), {"lasted_over_2h": "no"})
    assert AfterEffectCheckin.objects.get().lasted_over_2h is False


def test_it_goes_to_the_dashboard_for_an_outside_next(client_alice, yesterdays):
    response = client_alice.post(
        url(yesterdays), {"lasted_over_2h": "no", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("tracking:dashboard")


def test_it_keeps_the_first_answer(client_alice, yesterdays):
    client_alice.post(url(yesterdays), {"lasted_over_2h": "yes"})
    client_alice.post(url(yesterdays), {"lasted_over_2h": "no"})
    assert AfterEffectCheckin.objects.get().lasted_over_2h is True


def test_it_thanks_in_the_htmx_fragment(client_alice, yesterdays):
    response = client_alice.post(url(yesterdays), {"lasted_over_2h": "no"}, **HX)
    assert response.status_code == 200
    assert b"<html" not in response.content and b"Thank you" in response.content


@pytest.mark.parametrize("value", ["", "maybe"])
def test_it_asks_again_for_a_bad_answer(client_alice, yesterdays, value):
    response = client_alice.post(url(yesterdays), {"lasted_over_2h": value})
    assert response.status_code == 200
    assert b"Choose Yes or No." in response.content
    assert not AfterEffectCheckin.objects.exists()


def test_it_404s_for_another_persons_session(client_bob, yesterdays):
    assert client_bob.post(url(yesterdays), {"lasted_over_2h": "no"}).status_code == 404
    assert not AfterEffectCheckin.objects.exists()


def test_it_404s_for_a_running_session(client_alice, alice):
    running = start_session(alice)
    assert client_alice.post(url(running), {"lasted_over_2h": "no"}).status_code == 404


def test_it_refuses_get(client_alice, yesterdays):
    assert client_alice.get(url(yesterdays)).status_code == 405


def test_the_prompt_renders_the_question_as_a_fieldset(alice, yesterdays):
    request = RequestFactory().get("/progress/")
    request.user = alice
    html = render_to_string(
        "tracking/session_aftereffect.html", {"aftereffect_session": yesterdays}, request=request
    )
    assert "<legend>Did pain last more than 2 hours after your last session" in html
    assert 'value="yes"> Yes</label>' in html and 'value="no"> No</label>' in html
    assert 'name="next" value="/progress/"' in html


def test_the_prompt_renders_nothing_without_a_session():
    assert render_to_string("tracking/session_aftereffect.html", {}).strip() == ""


def test_it_keeps_where_to_go_back_when_asking_again(client_alice, yesterdays):
    response = client_alice.post(url(yesterdays), {"lasted_over_2h": "", "next": "/progress/"})
    assert b'name="next" value="/progress/"' in response.content
