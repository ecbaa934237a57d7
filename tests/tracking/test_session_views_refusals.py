"""Guided-session views: replays and double taps, bad input, sessions left past their day."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.tracking.session_builders import (
    answer,
    at_step,
    url,
)
from tracking import session_views
from tracking.models import PainLog, Session, SessionStep, StopSignal

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


# --- Idempotency ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "screen_drawn"),
    [(1, "_step_context"), (3, "_pain_context")],  # a step; the last one, which ends them
)
def test_it_keeps_no_answer_it_refused_when_the_database_goes_while_drawing(
    alice, running, position, screen_drawn
):
    """A 503 means "not stored": the next screen is drawn before the answer is stored
    (a step) or inside its transaction (the answer that ends the stretches)."""
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    running = at_step(running, position)
    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch(f"tracking.session_screens.{screen_drawn}", side_effect=lost):
        response = client.post(url(running), {"position": position, "action": "done"}, **HX)
    assert response.status_code == 503
    running.refresh_from_db()
    assert (running.position, running.status) == (position, "in_progress")
    assert not SessionStep.objects.filter(session=running).exists()


def _overtaken(**moved):
    """Patch the answer views so that another tab moves the session (``moved``)
    after the answer has read it and before it is stored."""
    real = session_views._event

    def event(request, current, now):
        Session.objects.filter(pk=current.pk).update(last_activity_at=timezone.now(), **moved)
        return real(request, current, now)

    return mock.patch.object(session_views, "_event", side_effect=event)


def test_an_answer_overtaken_by_another_tab_stores_nothing_and_shows_the_session_as_it_is(
    client_alice, running
):
    # A step is stored in one write; the last step ends the stretches, in a transaction.
    for position in (1, 3):
        running = at_step(running, position, paused_at=None)
        with _overtaken(paused_at=timezone.now()):
            response = client_alice.post(
                url(running), {"position": position, "action": "done"}, **HX
            )
        assert response.status_code == 200
        assert b'data-screen="paused"' in response.content  # what the other tab left
        running.refresh_from_db()
        assert (running.position, running.status) == (position, "in_progress")
        assert running.paused_at is not None
        assert not SessionStep.objects.filter(session=running).exists()


def test_a_pause_overtaken_by_an_answer_in_another_tab_leaves_that_answer(client_alice, running):
    running = at_step(running, 1)
    with _overtaken(position=2):
        response = client_alice.post(url(running), {"position": 1, "action": "pause"}, **HX)
    assert b'data-position="2" data-screen="step"' in response.content
    running.refresh_from_db()
    assert (running.position, running.paused_at) == (2, None)


def test_a_pain_answer_overtaken_by_another_tab_stores_no_log(client_alice, running):
    with _overtaken(position=1):
        response = answer(client_alice, running, 0, "pain", pain=8)
    assert response.status_code == 302
    running.refresh_from_db()
    assert running.position == 1
    assert not PainLog.objects.filter(session=running).exists()
    assert running.plan == Session.objects.get(pk=running.pk).plan  # not eased either


def test_it_stores_one_log_for_a_double_post(client_alice, running):
    answer(client_alice, running, 0, "pain", pain=4)
    answer(client_alice, running, 0, "pain", pain=7)
    assert PainLog.objects.filter(session=running).count() == 1
    assert PainLog.objects.get(session=running).pain == 4


def test_it_returns_the_current_step_for_a_repeated_htmx_post(client_alice, running):
    client_alice.post(url(running), {"position": 0, "action": "pain", "pain": 4}, **HX)
    response = client_alice.post(url(running), {"position": 0, "action": "pain", "pain": 4}, **HX)
    assert response.status_code == 200
    assert b'name="position" value="1"' in response.content


def test_it_records_a_double_tapped_done_once(client_alice, running):
    running = at_step(running, 1)
    answer(client_alice, running, 1, "done")
    answer(client_alice, running, 1, "done")
    running.refresh_from_db()
    assert running.position == 2
    assert SessionStep.objects.count() == 1


def test_it_ignores_a_post_for_a_later_step(client_alice, running):
    running = at_step(running, 1)
    answer(client_alice, running, 3, "done")
    running.refresh_from_db()
    assert running.position == 1 and not SessionStep.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"position": "abc", "action": "done"},
        {"position": "", "action": "done"},
        {"position": "1", "action": "dance"},
        {"action": "done"},
        {},
    ],
)
def test_it_ignores_a_garbled_post(client_alice, running, data):
    running = at_step(running, 1)
    response = client_alice.post(url(running), data)
    running.refresh_from_db()
    assert response.status_code == 302
    assert running.position == 1 and not SessionStep.objects.exists()


def test_it_ignores_a_replayed_stop_after_the_session_ended(client_alice, running):
    running = at_step(running, 2, asking="stop")
    answer(client_alice, running, 2, "stop", reason="cramp")
    answer(client_alice, running, 2, "stop", reason="numbness")
    assert StopSignal.objects.get().reason == "cramp"


# --- Bad input ----------------------------------------------------------------


@pytest.mark.parametrize("pain", ["11", "-1", "3.5", "abc", "", None])
def test_it_rejects_a_bad_pain_and_stores_nothing(client_alice, running, pain):
    data = {"position": 0, "action": "pain"}
    if pain is not None:
        data["pain"] = pain
    response = client_alice.post(url(running), data)
    running.refresh_from_db()
    assert response.status_code == 200
    assert b"Choose a whole number from 0 (no pain) to 10 (worst imaginable)." in response.content
    assert b'aria-invalid="true"' in response.content
    assert running.position == 0
    assert not PainLog.objects.exists()


def test_it_shows_the_pain_message_in_the_htmx_fragment(client_alice, running):
    response = client_alice.post(
        url(running), {"position": 0, "action": "pain", "pain": "11"}, **HX
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"Choose a whole number" in response.content


def test_it_404s_for_another_persons_session(client, running, bob, make_screening):
    make_screening(bob)
    client.force_login(bob)
    assert client.get(url(running)).status_code == 404
    assert answer(client, running, 0, "pain", pain=3).status_code == 404
    assert not PainLog.objects.exists()


def test_it_404s_for_a_forged_session_id(client_alice, running):
    forged = reverse("tracking:session", args=[running.pk + 1000])
    assert client_alice.get(forged).status_code == 404
    assert (
        client_alice.post(forged, {"position": 0, "action": "pain", "pain": 3}).status_code == 404
    )


def test_it_refuses_a_post_without_csrf(alice, running):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = answer(client, running, 0, "pain", pain=3)
    running.refresh_from_db()
    assert response.status_code == 403
    assert running.position == 0 and not PainLog.objects.exists()


def test_a_step_swapped_in_by_htmx_is_answered_with_the_pages_token(alice, running):
    """A step screen swapped in by htmx carries no token of its own: htmx sends the
    page's (the body's hx-headers) with every request. A whole page keeps it in the
    form, for a browser without JavaScript."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    running = at_step(running, 1)
    page = client.get(url(running)).content.decode()
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    assert 'name="csrfmiddlewaretoken"' in page
    swap = client.post(
        url(running), {"position": 1, "action": "done"}, HTTP_X_CSRFTOKEN=token, **HX
    )
    assert swap.status_code == 200
    assert 'name="position" value="2"' in swap.content.decode()
    assert "csrfmiddlewaretoken" not in swap.content.decode()
    again = client.post(
        url(running), {"position": 2, "action": "done"}, HTTP_X_CSRFTOKEN=token, **HX
    )
    assert again.status_code == 200
    assert SessionStep.objects.filter(session=running).count() == 2


def test_it_refuses_other_methods(client_alice, running):
    assert client_alice.put(url(running)).status_code == 405


# --- Left unfinished past the end of its day ----------------------------------------


def _start_of_today():
    return timezone.make_aware(
        timezone.datetime.combine(timezone.localdate(), timezone.datetime.min.time())
    )


def test_it_shows_a_session_left_yesterday_as_not_finished_and_keeps_its_logs(
    client_alice, running
):
    answer(client_alice, running, 0, "pain", pain=4)
    Session.objects.filter(pk=running.pk).update(
        last_activity_at=_start_of_today() - timedelta(minutes=1)
    )
    response = client_alice.get(url(running))
    assert b"This session was not finished" in response.content
    assert PainLog.objects.filter(session=running).count() == 1


def test_it_keeps_a_session_used_earlier_today(client_alice, running):
    Session.objects.filter(pk=running.pk).update(last_activity_at=_start_of_today())
    response = client_alice.get(url(running))
    assert b"Pain check before you start" in response.content
    running.refresh_from_db()
    assert running.status == "in_progress"


def test_it_ignores_answers_to_a_session_left_yesterday(client_alice, running):
    Session.objects.filter(pk=running.pk).update(
        last_activity_at=_start_of_today() - timedelta(minutes=1)
    )
    answer(client_alice, running, 0, "pain", pain=4)
    running.refresh_from_db()
    assert running.status == "not_finished" and not PainLog.objects.exists()


def test_it_starts_a_new_session_once_the_old_one_was_left(client_alice, running, alice):
    Session.objects.filter(pk=running.pk).update(
        last_activity_at=_start_of_today() - timedelta(hours=13)
    )
    response = client_alice.post(reverse("tracking:session-start"))
    new = Session.objects.for_user(alice).in_progress().get()
    assert new.pk != running.pk and response["Location"] == url(new)
    assert Session.objects.get(pk=running.pk).status == "not_finished"


def test_it_logs_an_answer_it_ignores(client_alice, running, caplog):
    running = at_step(running, 2)
    with caplog.at_level("INFO", logger="tracking.session_views"):
        client_alice.post(url(running), {"position": 1, "action": "done"})
    assert "answer 'done' for screen '1' ignored; the session is at screen 2" in caplog.text
    assert not SessionStep.objects.filter(session=running).exists()


def test_it_logs_an_answer_for_a_session_closed_meanwhile(client_alice, running, caplog):
    running = at_step(running, 1)
    Session.objects.filter(pk=running.pk).update(status=Session.Status.NOT_FINISHED)
    with caplog.at_level("INFO", logger="tracking.session_views"):
        client_alice.post(url(running), {"position": 1, "action": "done"})
    assert f"session {running.pk}: answer 'done' at screen 1 refused (not_finished)" in caplog.text
    assert not SessionStep.objects.filter(session=running).exists()


def test_the_pain_check_swapped_in_by_htmx_is_answered_with_the_pages_token(alice, running):
    """The pain check after the last hold, like a step, comes without a token of its
    own when htmx swaps it in; the page's token answers it."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    running = at_step(running, 1)
    page = client.get(url(running)).content.decode()
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    steps = len(running.steps)
    for position in range(1, steps + 1):
        swap = client.post(
            url(running), {"position": position, "action": "done"}, HTTP_X_CSRFTOKEN=token, **HX
        )
    body = swap.content.decode()
    assert 'name="action" value="pain"' in body
    assert "csrfmiddlewaretoken" not in body
    after = client.post(
        url(running),
        {"position": steps + 1, "action": "pain", "pain": 2},
        HTTP_X_CSRFTOKEN=token,
        **HX,
    )
    assert after.status_code == 200
    assert PainLog.objects.filter(session=running, kind=PainLog.Kind.AFTER).get().pain == 2


def test_a_pain_check_on_a_whole_page_keeps_its_token(alice, running):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    page = client.get(url(running)).content.decode()
    panel = page[: page.index("data-offline-screens")]  # not the offline copies: htmx only
    forms = re.findall(r"<form .*?</form>", panel, re.S)
    pain = [form for form in forms if 'name="action" value="pain"' in form]
    assert len(pain) == 1
    assert 'name="csrfmiddlewaretoken"' in pain[0]
