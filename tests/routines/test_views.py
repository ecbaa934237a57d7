"""Library, stretch, Today and "Why this plan?" pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from routines.models import PlanChoice, StageDecision
from routines.progression import History, SessionRecord
from routines.today import weekly_target
from screening.rules import Caution
from tests.tracking.builders import make_mornings

pytestmark = pytest.mark.django_db

LIBRARY_URL = reverse("routines:library")
TODAY_URL = reverse("tracking:today")
WHY_URL = reverse("tracking:why")


def text(response) -> str:
    return response.content.decode()


def decided(user, day, from_stage: int, to_stage: int, action: str, reason: str = "") -> None:
    """A stored decision, as if the plan had been worked out for `user` on `day`."""
    StageDecision.objects.create(
        user=user,
        day=day,
        from_stage=from_stage,
        to_stage=to_stage,
        action=action,
        reasons=[reason] if reason else [],
        since=day,
    )


# --- library ------------------------------------------------------------------------


def test_it_lists_the_library_for_a_screened_person(reader):
    response = reader.get(LIBRARY_URL)
    assert response.status_code == 200
    assert "Single knee-to-chest" in text(response) and "Bird-dog" in text(response)


def test_it_filters_by_position(reader):
    body = text(reader.get(LIBRARY_URL, {"position": "seated"}))
    assert "Seated knee-to-chest" in body
    assert "Double knee-to-chest" not in body


def test_it_filters_by_what_a_stretch_works_on(reader):
    body = text(reader.get(LIBRARY_URL, {"targets": "core"}))
    assert "Dead bug" in body and "Pelvic tilt" in body
    assert "Child&#x27;s pose" not in body


def test_it_combines_both_filters(reader):
    body = text(reader.get(LIBRARY_URL, {"position": "standing", "targets": "core"}))
    assert "Standing pelvic tilt at a wall" in body
    assert "Short walk" not in body and "Dead bug" not in body


def test_it_says_so_when_nothing_matches(reader):
    body = text(reader.get(LIBRARY_URL, {"position": "seated", "targets": "core"}))
    assert "No stretch matches both filters" in body


def test_it_shows_everything_with_a_message_for_an_unknown_filter(reader):
    response = reader.get(LIBRARY_URL, {"position": "upside-down"})
    assert response.status_code == 200
    assert "not recognised" in text(response)
    assert "Bird-dog" in text(response)


def test_it_sends_only_the_list_to_htmx(reader):
    response = reader.get(LIBRARY_URL, {"position": "seated"}, headers={"HX-Request": "true"})
    body = text(response)
    assert body.lstrip().startswith('<section id="stretch-list"')
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_it_sends_the_whole_page_to_a_boosted_request(reader):
    response = reader.get(LIBRARY_URL, headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in text(response)


def test_it_refuses_a_post_to_the_library(reader):
    assert reader.post(LIBRARY_URL).status_code == 405


# --- one stretch ----------------------------------------------------------------------


def test_it_shows_a_stretch_with_steps_breathing_and_mistakes(reader):
    response = reader.get(reverse("routines:stretch", args=["double-knee-to-chest"]))
    body = text(response)
    assert response.status_code == 200
    assert "Lower one foot at a time, never both together." in body
    assert "Breathing" in body and "Common mistakes" in body
    assert 'alt="A person lying face up with both arms around both knees' in body
    assert (
        "Left out of your plan if rounding your back a lot does not suit you (pain below the "
        "knee, pain worse when bending, numbness in a leg, or thin bones)." in body
    )
    assert "Left out of your plan if your knees are sore or replaced." in body


def test_it_links_a_variation_to_its_parent_and_back(reader):
    body = text(reader.get(reverse("routines:stretch", args=["rocking-double-knee-to-chest"])))
    assert reverse("routines:stretch", args=["double-knee-to-chest"]) in body
    parent = text(reader.get(reverse("routines:stretch", args=["double-knee-to-chest"])))
    assert reverse("routines:stretch", args=["rocking-double-knee-to-chest"]) in parent


def test_it_404s_for_an_unknown_stretch(reader):
    assert reader.get("/routines/stretches/no-such-stretch/").status_code == 404


# --- Today ------------------------------------------------------------------------------


def test_it_sends_a_visitor_to_log_in(client):
    response = client.get(TODAY_URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_it_sends_an_unscreened_person_to_the_safety_check(client_alice):
    response = client_alice.get(TODAY_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("screening:start")


def test_it_blocks_a_person_whose_check_needs_a_clinician(client_alice, alice, make_screening):
    make_screening(alice, "clinician")
    response = client_alice.get(TODAY_URL)
    assert response.status_code == 403
    assert "Start session" not in text(response)


def test_it_shows_the_plan_with_a_start_button(client_alice, screened):
    response = client_alice.get(TODAY_URL)
    body = text(response)
    assert response.status_code == 200
    assert "Single knee-to-chest" in body and "Pelvic tilt" in body and "Short walk" in body
    assert "About 5 minutes</strong> of stretches and core work, once a day" in body
    assert "and a walk of 10 minutes" in body
    assert f'action="{reverse("tracking:session-start")}"' in body
    assert "Start today's session (about 5 minutes)" in body and "csrfmiddlewaretoken" in body


def test_it_puts_start_before_the_stage_card_and_the_plan(client_alice, screened):
    body = text(client_alice.get(TODAY_URL))
    start = body.index("Start today's session")
    assert start < body.index("Also today") < body.index('id="stage-heading"')
    assert start < body.index("Your plan")


def test_it_lists_todays_small_tasks(client_alice, screened):
    body = text(client_alice.get(TODAY_URL))
    assert 'value="0" class="button-secondary one-tap-score" aria-label="0 out of 10"' in body
    assert 'aria-label="10 out of 10"' in body and 'aria-label="11 out of 10"' not in body
    assert "I walked today" in body
    assert "Your weekly check-in is due" in body


def test_it_ticks_the_morning_pain_once_logged(client_alice, alice, screened):
    make_mornings(alice, 3, range(1))
    body = text(client_alice.get(TODAY_URL))
    assert "Pain logged today: 3 out of 10." in body
    assert "one-tap-score" not in body


def test_it_offers_once_or_twice_a_day_at_stage_1(client_alice, screened):
    body = text(client_alice.get(TODAY_URL))
    assert 'type="radio" name="sessions" value="1"' in body and "Once a day" in body
    assert 'type="radio" name="sessions" value="2"' in body and "Twice a day" in body
    assert 'value="3"' not in body.split("sessions-choice")[1].split("</form>")[0]


def test_it_lets_a_person_choose_twice_a_day(client_alice, alice, screened):
    response = client_alice.post(reverse("tracking:sessions-choice"), {"sessions": "2"})
    assert response.status_code == 302 and response["Location"] == TODAY_URL
    assert PlanChoice.objects.get(user=alice).sessions == 2
    body = text(client_alice.get(TODAY_URL))
    assert "of stretches and core work, 2 times a day" in body
    assert weekly_target(alice, timezone.localdate()) == 14


@pytest.mark.parametrize("value", ["3", "0", "-1", "two", ""])
def test_it_refuses_a_choice_outside_the_stages_range(client_alice, alice, screened, value):
    response = client_alice.post(reverse("tracking:sessions-choice"), {"sessions": value})
    assert response.status_code == 400
    body = text(response)
    assert "Choose between 1 and 2 sessions a day." in body or "This field is required." in body
    assert not PlanChoice.objects.filter(user=alice).exists()
    assert weekly_target(alice, timezone.localdate()) == 7


def test_it_refuses_a_get_to_the_choice(client_alice, screened):
    assert client_alice.get(reverse("tracking:sessions-choice")).status_code == 405


def test_it_gives_the_reason_for_the_stage(client_alice, screened):
    body = text(client_alice.get(TODAY_URL))
    assert "Staying at stage 1: stage 2 opens after 14 days here" in body


@pytest.mark.parametrize("url", [TODAY_URL, WHY_URL])
def test_a_get_of_today_or_why_writes_nothing(client_alice, alice, screened, url):
    client_alice.get(url)  # the first view of the day: nothing left to set up
    with CaptureQueriesContext(connection) as queries:
        assert client_alice.get(url).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert not StageDecision.objects.filter(user=alice).exists()


def test_todays_decision_is_stored_when_a_session_starts(client_alice, alice, screened):
    client_alice.get(TODAY_URL)
    client_alice.post(reverse("tracking:session-start"))
    client_alice.post(reverse("tracking:session-start"))
    assert StageDecision.objects.filter(user=alice).count() == 1


def test_it_refuses_a_post_to_today(client_alice, screened):
    assert client_alice.post(TODAY_URL).status_code == 405


def test_it_leaves_out_double_knee_for_flexion_sparing(
    client_alice, alice, make_screening, crafted_history
):
    make_screening(alice, "caution", cautions=[Caution.FLEXION_SPARING])
    decided(alice, timezone.localdate() - timedelta(days=1), 2, 3, "advance", "Moving up.")
    body = text(client_alice.get(TODAY_URL))
    assert "Tailbone-down knee-to-chest" in body
    assert "Double knee-to-chest" not in body and "Rocking" not in body


def test_it_moves_up_after_two_good_weeks(client_alice, alice, screened, crafted_history):
    today = timezone.localdate()
    decided(alice, today - timedelta(days=14), 1, 1, "stay")
    crafted_history[alice.pk] = History(
        sessions=tuple(
            SessionRecord(today - timedelta(days=d), 3, 3, True, False, False) for d in range(1, 9)
        )
    )
    body = text(client_alice.get(TODAY_URL))
    assert "Moving up to stage 2" in body and "Double knee-to-chest" in body
    client_alice.post(reverse("tracking:session-start"))
    stored = StageDecision.objects.get(user=alice, day=today)
    assert (stored.from_stage, stored.to_stage, stored.action) == (1, 2, "advance")


def test_it_shows_a_gentle_day_after_a_bad_morning(client_alice, alice, screened, crafted_history):
    crafted_history[alice.pk] = History(morning_pain=((timezone.localdate(), 8),))
    body = text(client_alice.get(TODAY_URL))
    assert "Gentle day: your pain was 8 out of 10 this morning" in body
    assert "up to 3 short times today" in body
    assert "If a flare lasts more than a few days" in body


SEE_GP = "See your GP or physio"


def test_it_says_see_your_gp_on_today_after_6_weeks_without_a_fall(client_alice, alice, screened):
    make_mornings(alice, 5, range(36, 43))
    make_mornings(alice, 5, range(7))
    body = text(client_alice.get(TODAY_URL))
    assert SEE_GP in body
    assert "Your morning pain has not fallen much in 6 weeks." in body
    assert "This is not an emergency. Keep moving gently unless a stretch makes it worse." in body
    assert body.index(SEE_GP) < body.index("Your plan")  # near the top
    assert "Start today's session" in body  # advice, not a block


def test_it_says_see_your_gp_on_today_when_pain_has_risen(client_alice, alice, screened):
    make_mornings(alice, 4, range(7, 14))
    make_mornings(alice, 6, range(7))
    body = text(client_alice.get(TODAY_URL))
    assert "Your morning pain is higher than when you started: 4.0 → 6.0." in body


def test_it_says_nothing_of_a_gp_on_today_a_day_before_6_weeks(client_alice, alice, screened):
    make_mornings(alice, 5, range(35, 42))
    make_mornings(alice, 5, range(7))
    assert SEE_GP not in text(client_alice.get(TODAY_URL))


def test_it_says_nothing_of_a_gp_on_today_without_a_weeks_logs(client_alice, alice, screened):
    make_mornings(alice, 9, range(6))
    assert SEE_GP not in text(client_alice.get(TODAY_URL))


# --- Why this plan? -------------------------------------------------------------------------


def test_it_explains_the_decisions(client_alice, screened):
    response = client_alice.get(WHY_URL)
    assert response.status_code == 200
    assert "Staying at stage 1" in text(response)


def test_it_lists_past_decisions_with_their_day_and_reasons(client_alice, alice, screened):
    day = timezone.localdate() - timedelta(days=2)
    reason = "Going back to stage 1: pain rose from 3 to 5 after your session on Monday."
    decided(alice, day, 2, 1, "regress", reason)
    body = text(client_alice.get(WHY_URL))
    assert f"{day:%A} {day.day} {day:%B %Y}</time>: Going back to stage 1." in body
    assert "pain rose from 3 to 5 after your session on Monday." in body


def test_it_shows_only_the_persons_own_decisions(client_alice, alice, bob, screened):
    day = timezone.localdate() - timedelta(days=3)
    decided(bob, day, 2, 1, "regress", "Going back to stage 1: bob's secret reason.")
    body = text(client_alice.get(WHY_URL))
    assert "bob&#x27;s secret reason" not in body
    assert "Going back to stage 1" not in body


def test_it_keeps_why_behind_the_safety_check(client_alice):
    assert client_alice.get(WHY_URL)["Location"] == reverse("screening:start")


def test_it_sends_a_visitor_from_the_library_to_log_in(client):
    response = client.get(LIBRARY_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [LIBRARY_URL, "/routines/stretches/double-knee-to-chest/"])
def test_it_never_shows_a_stretch_to_a_blocked_person(client_alice, alice, make_screening, url):
    make_screening(alice, tier="emergency")
    response = client_alice.get(url)
    assert response.status_code == 403
    assert "Double knee-to-chest" not in response.content.decode()


# --- Today is home ----------------------------------------------------------------------


def test_home_is_today_for_a_person_who_may_stretch(client_alice, screened):
    assert client_alice.get(reverse("home"))["Location"] == TODAY_URL


def test_home_sends_a_newcomer_to_the_safety_check(client_alice):
    assert client_alice.get(reverse("home"))["Location"] == reverse("screening:start")


def test_home_tells_a_blocked_person_what_to_do(client_alice, alice, make_screening):
    make_screening(alice, tier="emergency")
    assert client_alice.get(reverse("home"))["Location"] == reverse("screening:standing")


def test_the_menu_starts_with_today(client_alice, screened):
    body = text(client_alice.get(TODAY_URL))
    menu = body[body.index('class="nav-links"') :]
    assert menu.index(">Today<") < menu.index(">Progress<")


@pytest.mark.parametrize(
    ("answers", "says", "never"),
    [
        (
            {"below_knee": "yes"},
            "Your pain goes below the knee, so your plan leaves out stretches that round your "
            "back a lot, like pulling both knees in or rocking.",
            "Bending forward",
        ),
        (
            {"steroids": "yes"},
            "Long-term steroid tablets can make bones thinner, so your plan leaves out",
            "Bending forward",
        ),
        (
            {"below_knee": "no", "worse_bending": "yes"},
            "Bending forward makes your pain worse, so your plan leaves out",
            "Your pain goes below the knee",
        ),
    ],
)
def test_todays_notes_name_the_caution_the_person_has(
    client_alice, alice, make_screening, answers, says, never
):
    make_screening(alice, "caution", answers=answers)
    body = text(client_alice.get(TODAY_URL))
    assert says in body
    assert never not in body
    assert "Tailbone-down knee-to-chest" in body


def test_htmx_asks_for_todays_tasks_alone(client_alice, screened):
    response = client_alice.get(TODAY_URL, headers={"HX-Request": "true"})
    body = text(response)
    assert 'id="today-tasks"' in body and 'hx-trigger="pain-logged from:body"' in body
    assert "<html" not in body and "Your plan" not in body
    assert response["Vary"] and "HX-Request" in response["Vary"]
