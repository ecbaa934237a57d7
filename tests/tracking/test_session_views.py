"""Guided-session views: every transition, idempotency, resume, abandonment, bad input."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from screening.models import Screening
from tests.tracking.session_builders import (
    HOLDS,
    NEXT_REASON,
    install_fake_today,
    start_session,
)
from tracking.models import PainLog, Session, SessionStep, StopSignal

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def today_calls(monkeypatch):
    return install_fake_today(monkeypatch)


@pytest.fixture
def running(screened, alice, today_calls):
    return start_session(alice)


def url(session) -> str:
    return reverse("tracking:session", args=[session.pk])


def answer(client, session, position, action, **data):
    return client.post(url(session), {"position": position, "action": action, **data})


def at_step(session, position: int) -> Session:
    Session.objects.filter(pk=session.pk).update(position=position)
    session.refresh_from_db()
    return session


# --- Starting -------------------------------------------------------------------


def test_it_starts_a_session_from_todays_plan(client_alice, screened, alice, today_calls):
    response = client_alice.post(reverse("tracking:session-start"))
    session = Session.objects.get(user=alice)
    assert response.status_code == 302
    assert response["Location"] == url(session)
    assert (session.status, session.position, session.stage) == ("in_progress", 0, 1)
    assert [s["side"] for s in session.plan] == ["left", "right", "both"]


def test_it_records_todays_decision_when_starting(client_alice, screened, today_calls):
    client_alice.post(reverse("tracking:session-start"))
    assert today_calls == [(timezone.localdate(), True)]


def test_it_refuses_get_on_start(client_alice, screened):
    assert client_alice.get(reverse("tracking:session-start")).status_code == 405


def test_it_carries_on_with_the_running_session(client_alice, running):
    response = client_alice.post(reverse("tracking:session-start"))
    assert response["Location"] == url(running)
    assert Session.objects.count() == 1


def test_it_sends_an_unscreened_person_to_screening(client_alice, alice, today_calls):
    response = client_alice.post(reverse("tracking:session-start"))
    assert response.status_code == 302
    assert response["Location"] == reverse("screening:start")
    assert not Session.objects.exists()


def test_it_allows_one_running_session_per_person_in_the_database(running, alice):
    with pytest.raises(IntegrityError), transaction.atomic():
        start_session(alice)


def test_it_requires_login(client, running):
    response = client.get(url(running))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


# --- Showing the current screen ----------------------------------------------------


def test_it_shows_pain_before_first(client_alice, running):
    response = client_alice.get(url(running))
    assert response.status_code == 200
    assert b"<html" in response.content
    assert b"How much pain do you have right now?" in response.content
    assert b'name="position" value="0"' in response.content


def test_it_returns_only_the_panel_for_htmx(client_alice, running):
    response = client_alice.get(url(running), **HX)
    assert b"<html" not in response.content
    assert b'id="session-panel"' in response.content
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_it_shows_the_step_with_side_rep_and_hold(client_alice, running):
    content = client_alice.get(url(at_step(running, 2))).content.decode()
    assert "Single knee-to-chest" in content
    assert "Left leg" in content and "Rep 2 of 2" in content
    assert "Hold 20 seconds" in content
    assert "Hold 2 of 5" in content
    for label in ("Done", "Skip this stretch", "Stop"):
        assert f">{label}</button>" in content


def test_it_renders_the_timer_scaled_by_the_test_setting(client_alice, running, settings):
    settings.LIMBER_TIMER_SCALE = 0.01
    content = client_alice.get(url(at_step(running, 1))).content.decode()
    assert 'data-ready-ms="50"' in content
    assert 'data-hold-ms="200"' in content
    assert 'data-rest-ms="100"' in content
    assert 'data-second-ms="10"' in content


def test_it_renders_the_breath_pacer_at_five_seconds_each_way(client_alice, running, settings):
    settings.LIMBER_TIMER_SCALE = 0.01  # the breath rhythm is never scaled
    content = client_alice.get(url(at_step(running, 1))).content.decode()
    assert 'data-in-ms="5000" data-out-ms="5000"' in content


def test_it_resumes_the_same_step_after_a_reload(client_alice, running):
    answer(client_alice, running, 0, "pain", pain=3)
    answer(client_alice, running, 1, "done")
    answer(client_alice, running, 2, "done")
    first = client_alice.get(url(running)).content
    again = client_alice.get(url(running)).content
    assert b"Right leg" in first and b"Rep 1 of 2" in first
    assert b'name="position" value="3"' in again


# --- Transitions ---------------------------------------------------------------


def test_it_records_pain_before_and_shows_the_first_step(client_alice, running):
    response = answer(client_alice, running, 0, "pain", pain="4")
    running.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == url(running)
    assert running.position == 1
    log = PainLog.objects.get(session=running)
    assert (log.kind, log.pain, log.user_id) == ("before", 4, running.user_id)


def test_it_returns_the_next_panel_for_an_htmx_post(client_alice, running):
    response = client_alice.post(url(running), {"position": 0, "action": "pain", "pain": 2}, **HX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"Hold 1 of 5" in response.content
    assert len(response.content) < 10 * 1024


def test_it_marks_a_step_done(client_alice, running):
    answer(client_alice, at_step(running, 1), 1, "done")
    running.refresh_from_db()
    assert running.position == 2
    step = SessionStep.objects.get(session=running)
    assert (step.number, step.slug, step.side, step.rep, step.outcome) == (
        1,
        "single-knee-to-chest",
        "left",
        1,
        "done",
    )


def test_it_skips_the_stretch_on_both_sides(client_alice, running):
    response = answer(client_alice, at_step(running, 1), 1, "skip")
    running.refresh_from_db()
    assert running.position == 5
    assert list(SessionStep.objects.values_list("number", "outcome")) == [
        (1, "skipped"),
        (2, "skipped"),
        (3, "skipped"),
        (4, "skipped"),
    ]
    assert b"Pelvic tilt" in client_alice.get(response["Location"]).content


def test_it_completes_after_the_last_step(client_alice, running):
    answer(client_alice, at_step(running, HOLDS), HOLDS, "done")
    running.refresh_from_db()
    assert (running.status, running.position) == ("completed", HOLDS + 1)
    assert running.ended_at is not None
    assert b"How much pain do you have right now?" in client_alice.get(url(running)).content


def test_it_asks_why_before_stopping(client_alice, running):
    answer(client_alice, at_step(running, 2), 2, "stop")
    running.refresh_from_db()
    assert (running.status, running.stopping, running.position) == ("in_progress", True, 2)
    content = client_alice.get(url(running)).content.decode()
    assert "Why are you stopping?" in content
    for label in (
        "Sharp or shooting pain",
        "Numbness or tingling getting worse",
        "Cramp or spasm",
        "Something else",
    ):
        assert label in content


def test_it_goes_back_to_the_stretch_from_the_stop_question(client_alice, running):
    running = at_step(running, 2)
    Session.objects.filter(pk=running.pk).update(stopping=True)
    answer(client_alice, running, 2, "resume")
    running.refresh_from_db()
    assert (running.stopping, running.position, running.status) == (False, 2, "in_progress")


def test_it_needs_a_reason_to_stop(client_alice, running):
    running = at_step(running, 2)
    Session.objects.filter(pk=running.pk).update(stopping=True)
    response = answer(client_alice, running, 2, "stop")
    running.refresh_from_db()
    assert response.status_code == 200
    assert b"Choose the reason that fits best" in response.content
    assert (running.status, running.stopping) == ("in_progress", True)
    assert not StopSignal.objects.exists()


def test_it_stops_with_a_reason_records_it_and_lapses_screening(client_alice, running, alice):
    running = at_step(running, 2)
    Session.objects.filter(pk=running.pk).update(stopping=True)
    answer(client_alice, running, 2, "stop", reason="numbness")
    running.refresh_from_db()
    assert (running.status, running.position) == ("stopped", HOLDS + 1)
    signal = StopSignal.objects.get(session=running)
    assert (signal.reason, signal.step_number) == ("numbness", 2)
    assert not Screening.objects.for_user(alice).not_lapsed().exists()


def test_it_keeps_the_note_for_something_else(client_alice, running):
    running = at_step(running, 1)
    Session.objects.filter(pk=running.pk).update(stopping=True)
    answer(client_alice, running, 1, "stop", reason="other", note="  Felt dizzy  ")
    assert StopSignal.objects.get().note == "Felt dizzy"


def test_it_shows_advice_and_still_asks_pain_after_a_stop(client_alice, running):
    running = at_step(running, 2)
    Session.objects.filter(pk=running.pk).update(stopping=True)
    answer(client_alice, running, 2, "stop", reason="sharp-pain")
    content = client_alice.get(url(running)).content.decode()
    assert "Stop stretching for today." in content
    assert "999" in content and "911" in content and "GP or physio" in content
    assert "How much pain do you have right now?" in content


def test_it_records_pain_after_a_stop_even_though_screening_lapsed(client_alice, running):
    running = at_step(running, 2)
    Session.objects.filter(pk=running.pk).update(stopping=True)
    answer(client_alice, running, 2, "stop", reason="cramp")
    answer(client_alice, running, HOLDS + 1, "pain", pain=5)
    running.refresh_from_db()
    assert running.position == HOLDS + 2
    assert PainLog.objects.get(session=running, kind="after").pain == 5


def test_it_sends_a_running_session_to_screening_once_it_lapsed(client_alice, running, alice):
    Screening.objects.for_user(alice).update(lapsed_at=timezone.now())
    response = client_alice.get(url(running))
    assert response.status_code == 302
    assert response["Location"] == reverse("screening:start")


def test_it_records_pain_after_and_shows_the_summary(client_alice, running, today_calls):
    answer(client_alice, running, 0, "pain", pain=5)
    for position in range(1, HOLDS):
        answer(client_alice, running, position, "done")
    answer(client_alice, running, HOLDS, "skip")
    answer(client_alice, running, HOLDS + 1, "pain", pain=3)
    content = client_alice.get(url(running)).content.decode()
    assert "Your session summary" in content
    assert "5 before → 3 after" in content
    assert "Your pain went down by 2 points, from 5 to 3." in content
    assert "4 done, 1 skipped" in content
    assert NEXT_REASON in content
    # The next step is judged for tomorrow, without storing a decision.
    assert today_calls[-1] == (timezone.localdate() + timedelta(days=1), False)


# --- Idempotency ------------------------------------------------------------------


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
    running = at_step(running, 2)
    Session.objects.filter(pk=running.pk).update(stopping=True)
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


def test_it_refuses_other_methods(client_alice, running):
    assert client_alice.put(url(running)).status_code == 405


# --- Abandonment ----------------------------------------------------------------


def test_it_closes_a_session_left_for_12_hours_and_keeps_its_logs(client_alice, running):
    answer(client_alice, running, 0, "pain", pain=4)
    Session.objects.filter(pk=running.pk).update(
        last_activity_at=timezone.now() - timedelta(hours=12, minutes=1)
    )
    response = client_alice.get(url(running))
    running.refresh_from_db()
    assert running.status == "abandoned" and running.ended_at is not None
    assert b"This session was closed" in response.content
    assert PainLog.objects.filter(session=running).count() == 1


def test_it_keeps_a_session_idle_for_less_than_12_hours(client_alice, running):
    Session.objects.filter(pk=running.pk).update(
        last_activity_at=timezone.now() - timedelta(hours=11, minutes=59)
    )
    client_alice.get(url(running))
    running.refresh_from_db()
    assert running.status == "in_progress"


def test_it_ignores_answers_to_an_abandoned_session(client_alice, running):
    Session.objects.filter(pk=running.pk).update(
        last_activity_at=timezone.now() - timedelta(hours=13)
    )
    answer(client_alice, running, 0, "pain", pain=4)
    running.refresh_from_db()
    assert running.status == "abandoned" and not PainLog.objects.exists()


def test_it_starts_a_new_session_once_the_old_one_is_abandoned(client_alice, running, alice):
    Session.objects.filter(pk=running.pk).update(
        last_activity_at=timezone.now() - timedelta(hours=13)
    )
    response = client_alice.post(reverse("tracking:session-start"))
    new = Session.objects.for_user(alice).in_progress().get()
    assert new.pk != running.pk and response["Location"] == url(new)
    assert Session.objects.get(pk=running.pk).status == "abandoned"


# --- With the real library and rules --------------------------------------------


def test_it_shows_the_stretch_picture_and_numbered_steps(client_alice, running):
    content = client_alice.get(url(at_step(running, 1))).content.decode()
    assert 'src="/static/routines/svg/single-knee-to-chest.svg"' in content
    assert '<ol class="session-steps">' in content


def test_it_starts_from_the_real_plan_for_today(client_alice, screened, alice):
    client_alice.post(reverse("tracking:session-start"))
    session = Session.objects.get(user=alice)
    assert session.plan and session.stage == 1
    assert {"slug", "name", "side", "hold_seconds", "reps", "rest_seconds"} == set(session.plan[0])
    assert b"How much pain do you have right now?" in client_alice.get(url(session)).content


def test_it_summarises_with_the_real_next_decision(client_alice, screened, alice):
    client_alice.post(reverse("tracking:session-start"))
    session = Session.objects.get(user=alice)
    answer(client_alice, session, 0, "pain", pain=4)
    while session.status == "in_progress":
        answer(client_alice, session, session.position, "skip")
        session.refresh_from_db()
    answer(client_alice, session, session.position, "pain", pain=4)
    content = client_alice.get(url(session)).content.decode()
    assert "What your plan does next" in content
    assert "stage 1" in content.lower()


# --- Page weight ---------------------------------------------------------------


def test_it_keeps_the_step_page_and_all_its_assets_under_150_kb(client_alice, running):
    """Everything a phone downloads for a step, before compression."""
    html = client_alice.get(url(at_step(running, 1))).content
    assets = set(re.findall(rb'(?:src|href)="/static/([^"?#]+)"', html))
    assert {b"css/app.css", b"js/app.js"} <= assets
    assert any(b"htmx" in name for name in assets)
    total = len(html) + sum(Path(finders.find(name.decode())).stat().st_size for name in assets)
    assert total < 150 * 1024, f"{total} bytes"


def test_it_keeps_every_step_swap_under_10_kb(client_alice, running):
    for position in range(1, HOLDS + 1):
        fragment = client_alice.get(url(at_step(running, position)), **HX).content
        assert len(fragment) < 10 * 1024, f"hold {position}: {len(fragment)} bytes"
