"""Guided-session views: starting, showing, every transition, the real plan, page weight."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from routines.library_data import exercises
from routines.planning import plan_for_today
from routines.progression import History, SessionRecord
from screening.models import Screening
from tests.screening.builders import make_screening
from tests.tracking.session_builders import (
    HOLDS,
    NEXT_REASON,
    answer,
    at_step,
    finished_session,
    start_session,
    url,
)
from tracking.models import PainLog, Session, SessionStep

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


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


def test_it_shows_the_step_with_side_and_reps(client_alice, running):
    content = client_alice.get(url(at_step(running, 1))).content.decode()
    assert "Single knee-to-chest" in content
    assert "Left leg" in content and "2 times: hold 20, relax 10" in content
    assert "Hold for 20 seconds, relax for 10 seconds, 2 times, then press Done." in content
    assert "Hold 1 of 3" in content
    for label in ("Done", "Pause / I was interrupted", "Skip this stretch", "Stop"):
        assert f">{label}</button>" in content


def test_it_shows_a_single_hold_without_reps(client_alice, running):
    content = client_alice.get(url(at_step(running, 3))).content.decode()
    assert "Hold for 15 seconds, then press Done." in content
    assert 'data-reps="1"' in content


def test_it_renders_the_timer_scaled_by_the_test_setting(client_alice, running, settings):
    settings.LIMBER_TIMER_SCALE = 0.01
    content = client_alice.get(url(at_step(running, 1))).content.decode()
    assert 'data-ready-ms="50"' in content
    assert 'data-hold-ms="200"' in content
    assert 'data-rest-ms="100"' in content
    assert 'data-reps="2"' in content
    assert 'data-second-ms="10"' in content


def test_it_shows_the_timer_in_minutes_and_seconds(client_alice, running):
    content = client_alice.get(url(at_step(running, 1))).content.decode()
    assert "data-timer-count>0:05</p>" in content


def test_it_renders_the_breath_pacer_at_five_seconds_each_way(client_alice, running, settings):
    settings.LIMBER_TIMER_SCALE = 0.01  # the breath rhythm is never scaled
    content = client_alice.get(url(at_step(running, 1))).content.decode()
    assert 'data-in-ms="5000" data-out-ms="5000"' in content


def test_it_resumes_the_same_step_after_a_reload(client_alice, running):
    answer(client_alice, running, 0, "pain", pain=3)
    answer(client_alice, running, 1, "done")
    first = client_alice.get(url(running)).content
    again = client_alice.get(url(running)).content
    assert b"Right leg" in first and b"Hold 2 of 3" in first
    assert b'name="position" value="2"' in again


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
    assert b"Hold 1 of 3" in response.content
    assert len(response.content) < 10 * 1024


def test_it_marks_a_step_done(client_alice, running):
    answer(client_alice, at_step(running, 1), 1, "done")
    running.refresh_from_db()
    assert running.position == 2
    step = SessionStep.objects.get(session=running)
    assert (step.number, step.slug, step.side, step.reps, step.outcome) == (
        1,
        "single-knee-to-chest",
        "left",
        2,
        "done",
    )


def test_it_completes_after_the_last_step(client_alice, running):
    answer(client_alice, at_step(running, HOLDS), HOLDS, "done")
    running.refresh_from_db()
    assert (running.status, running.position) == ("completed", HOLDS + 1)
    assert running.ended_at is not None
    assert b"How much pain do you have right now?" in client_alice.get(url(running)).content


def test_it_sends_a_running_session_to_screening_once_it_expired(client_alice, running, alice):
    Screening.objects.for_user(alice).update(created_at=timezone.now() - timedelta(days=31))
    response = client_alice.get(url(running))
    assert response.status_code == 302
    assert response["Location"] == reverse("screening:start")


def test_it_records_pain_after_and_shows_the_summary(client_alice, running, today_calls):
    answer(client_alice, running, 0, "pain", pain=5)
    for position in range(1, HOLDS):
        answer(client_alice, running, position, "done")
    answer(client_alice, running, HOLDS, "skip")
    answer(client_alice, running, HOLDS, "skip", because_of_pain="no")
    answer(client_alice, running, HOLDS + 1, "pain", pain=3)
    content = client_alice.get(url(running)).content.decode()
    assert "Your session summary" in content
    assert "Your pain went down by 2 points, from 5 to 3." in content
    assert "2 done, 1 skipped. 2 holds were cut short." in content  # tapped through at once
    assert content.count(NEXT_REASON) == 1  # said once
    assert "Staying at stage 1." not in content
    # The next step is judged for tomorrow, without storing a decision.
    assert today_calls[-1] == (timezone.localdate() + timedelta(days=1), False)


def test_it_hides_the_next_plan_in_an_old_summary_from_a_blocked_person(
    client_alice, alice, today_calls
):
    old = finished_session(alice, started_at=timezone.now() - timedelta(days=3))
    make_screening(alice, "emergency")
    response = client_alice.get(url(old))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Your session summary" in content
    assert "What your plan does next" not in content
    assert NEXT_REASON not in content and "Staying at stage 1" not in content
    assert today_calls == []  # not even worked out


def test_it_hides_the_next_plan_in_an_old_summary_as_a_fragment_too(
    client_alice, alice, today_calls
):
    old = finished_session(alice, started_at=timezone.now() - timedelta(days=3))
    make_screening(alice, "urgent")
    content = client_alice.get(url(old), **HX).content.decode()
    assert "Your session summary" in content
    assert "What your plan does next" not in content


def test_it_shows_the_next_plan_in_an_old_summary_to_an_allowed_person(
    client_alice, alice, screened, today_calls
):
    old = finished_session(alice, started_at=timezone.now() - timedelta(days=3))
    content = client_alice.get(url(old)).content.decode()
    assert "What your plan does next" in content
    assert NEXT_REASON in content


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
        answer(client_alice, session, session.position, "skip", because_of_pain="no")
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


def _weight(client, page_url: str) -> int:
    html = client.get(page_url).content
    assets = set(re.findall(rb'(?:src|href)="/static/([^"?#]+)"', html))
    return len(html) + sum(Path(finders.find(name.decode())).stat().st_size for name in assets)


def test_the_longest_plan_the_builder_makes_stays_under_150_kb(client_alice, alice, screened):
    """Stage 3 with both knees in open: 9 screens, each page carrying the rest offline."""
    ready = History(
        tuple(SessionRecord(date(2026, 3, 3), 3, 2, True, False, False) for _ in range(4))
    )
    plan = plan_for_today(
        stage=3,
        since=date(2026, 2, 1),
        cautions=frozenset(),
        history=ready,
        today=date(2026, 3, 4),
        library=exercises(),
    ).plan
    longest = start_session(alice, steps=plan.steps)
    assert len(longest.steps) == 9
    assert _weight(client_alice, url(longest)) < 150 * 1024  # the pain check
    assert _weight(client_alice, url(at_step(longest, 1))) < 150 * 1024
