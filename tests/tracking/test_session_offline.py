"""What a session page carries to go on offline, and answers that reach the server later."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.tracking.session_builders import HOLDS, answer, at_step, url
from tracking.models import Session, SessionStep

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
PLAN_DATA = re.compile(r'<script id="offline-session" type="application/json">(.*?)</script>', re.S)


def plan_in(content: bytes) -> dict | None:
    found = PLAN_DATA.search(content.decode())
    return json.loads(found.group(1)) if found else None


def drawn(content: bytes) -> list[str]:
    return re.findall(r'<template data-(?:screen|stopped)="([a-z-]+)"', content.decode())


# --- The page -----------------------------------------------------------------------


def test_it_carries_the_rest_of_the_plan_from_the_current_step(client_alice, running, alice):
    plan = plan_in(client_alice.get(url(at_step(running, 2))).content)
    assert (plan["url"], plan["user"], plan["count"]) == (url(running), alice.pk, HOLDS)
    assert [(s["number"], s["slug"], s["side"], s["reps"]) for s in plan["steps"]] == [
        (2, "single-knee-to-chest", "right", 2),
        (3, "pelvic-tilt", "both", 1),
    ]
    second = plan["steps"][0]
    # The side changes: "Get ready" first.
    assert (second["readyMs"], second["holdMs"], second["restMs"]) == (5000, 20_000, 10_000)
    assert plan["words"][second["words"]] == {
        "repsLabel": "2 times: hold 20, relax 10",
        "instructions": "Hold for 20 seconds, relax for 10 seconds, 2 times, then press Done.",
        "readyClock": "0:05",
    }
    assert plan["sides"] == {"left": "Left leg", "right": "Right leg", "both": ""}
    assert plan["cards"]["pelvic-tilt"]["name"] == "Pelvic tilt"
    assert plan["restMs"] == 30 * 60 * 1000


def test_it_sends_words_shared_by_several_steps_once(client_alice, running):
    plan = plan_in(client_alice.get(url(running)).content)
    assert [s["words"] for s in plan["steps"]] == [0, 0, 1]
    assert len(plan["words"]) == 2 and list(plan["cards"]) == [
        "single-knee-to-chest",
        "pelvic-tilt",
    ]


def test_it_carries_the_whole_plan_before_the_first_step(client_alice, running):
    plan = plan_in(client_alice.get(url(running)).content)
    assert [s["number"] for s in plan["steps"]] == [1, 2, 3]
    assert plan["steps"][0]["readyMs"] == 5000
    card = plan["cards"]["single-knee-to-chest"]
    assert card["picture"] == "/static/routines/svg/single-knee-to-chest.svg"
    assert card["alt"] and card["steps"] and card["breathing"]


def test_it_draws_each_screen_the_page_may_need(client_alice, running):
    # On a step the page copies its own step; before it, a step is drawn too.
    names = drawn(client_alice.get(url(at_step(running, 1))).content)
    assert names == [
        "paused",
        "skip-reason",
        "stop-reason",
        "body-question",
        "resting",
        "pain-after",
        "sharp-pain",
        "numbness",
        "cramp",
        "faint",
        "other",
        "not-said",
        "summary",
    ]
    assert drawn(client_alice.get(url(at_step(running, 0))).content)[0] == "step"


def test_it_draws_the_advice_for_each_stop_reason_as_the_server_would(client_alice, running):
    content = client_alice.get(url(at_step(running, 1))).content.decode()
    numbness = re.search(r'<template data-stopped="numbness">(.*?)</template>', content, re.S)
    assert "You stopped: numbness or tingling getting worse or spreading" in numbness.group(1)
    assert "Stop stretching for today." in numbness.group(1)
    faint = re.search(r'<template data-stopped="faint">(.*?)</template>', content, re.S)
    assert 'href="tel:999">Call 999</a>' in faint.group(1)


def test_it_leaves_the_plan_out_of_every_swap(client_alice, running):
    response = client_alice.get(url(at_step(running, 1)), **HX)
    assert plan_in(response.content) is None and drawn(response.content) == []


def test_it_carries_nothing_once_the_session_is_over(client_alice, running):
    over = at_step(running, HOLDS + 2, status="completed", ended_at=timezone.now())
    content = client_alice.get(url(over)).content
    assert plan_in(content) is None and b"data-offline-status" not in content


def test_it_names_the_screen_on_the_panel_for_a_replay_to_check(client_alice, running):
    content = client_alice.get(url(at_step(running, 2)), **HX).content.decode()
    assert re.search(
        r'data-session-panel data-position="2" data-screen="step" data-at="\d+"', content
    )


# --- An answer that reaches the server later --------------------------------------------


def test_it_takes_the_hold_time_measured_on_the_phone(client_alice, running):
    # Sent later, all at once: by the server's clock the step was shown just now.
    Session.objects.filter(pk=running.pk).update(step_shown_at=timezone.now())
    answer(client_alice, at_step(running, 1), 1, "done", held=60)
    assert SessionStep.objects.get(session=running).cut_short is False


def test_it_calls_a_short_hold_on_the_phone_cut_short(client_alice, running):
    Session.objects.filter(pk=running.pk).update(
        step_shown_at=timezone.now() - timedelta(minutes=5)
    )
    answer(client_alice, at_step(running, 1), 1, "done", held=3)
    assert SessionStep.objects.get(session=running).cut_short is True


@pytest.mark.parametrize("held", ["abc", "-1", "nan", "inf", "90000", ""])
def test_it_ignores_a_hold_time_it_cannot_believe(client_alice, running, held):
    # Shown five minutes ago by the server's clock: a full hold, whatever the phone says.
    Session.objects.filter(pk=running.pk).update(
        step_shown_at=timezone.now() - timedelta(minutes=5)
    )
    answer(client_alice, at_step(running, 1), 1, "done", held=held)
    assert SessionStep.objects.get(session=running).cut_short is False


def test_a_replayed_answer_the_server_has_changes_nothing(client_alice, running):
    at_step(running, 1)
    sent = {"position": 1, "action": "done", "held": 60}
    for _ in range(2):
        response = client_alice.post(url(running), sent, **HX)
    assert SessionStep.objects.filter(session=running).count() == 1
    assert b'data-position="2" data-screen="step"' in response.content
