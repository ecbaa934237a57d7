"""Guided-session views: pause and resume, stops for symptoms, skip because of pain,
cut-short holds, the walk after the session, and Today's resume button."""

import re
from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from screening.models import SafetyStop, Screening
from screening.rules import Caution
from tests.tracking.session_builders import HOLDS, answer, at_step, start_session, url
from tracking import session_flow as flow
from tracking.erase import erase_history
from tracking.models import PainLog, Session, SessionStep, StopSignal, WalkLog

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def _yesterday(session: Session) -> Session:
    """The session last touched yesterday evening (the tests run in UTC)."""
    evening = timezone.now() - timedelta(days=1)
    Session.objects.filter(pk=session.pk).update(started_at=evening, last_activity_at=evening)
    session.refresh_from_db()
    return session


# --- Pause / I was interrupted -----------------------------------------------------


def test_it_pauses_and_keeps_the_place(client_alice, running, alice):
    answer(client_alice, at_step(running, 2), 2, "pause")
    running.refresh_from_db()
    assert (running.status, running.position, running.paused_at is not None) == (
        "in_progress",
        2,
        True,
    )
    content = client_alice.get(url(running)).content.decode()
    assert "Your session is paused" in content
    assert ">Resume the session</button>" in content
    assert not SafetyStop.objects.exists() and not StopSignal.objects.exists()


def test_it_resumes_a_pause_the_same_day(client_alice, running):
    running = at_step(running, 2, paused_at=timezone.now() - timedelta(minutes=20))
    answer(client_alice, running, 2, "resume")
    running.refresh_from_db()
    assert (running.position, running.paused_at) == (2, None)
    assert running.paused_seconds >= 20 * 60
    assert b"Right leg" in client_alice.get(url(running)).content


def test_it_leaves_the_pause_out_of_the_time_spent(client_alice, running):
    start = timezone.now() - timedelta(minutes=40)
    Session.objects.filter(pk=running.pk).update(
        started_at=start,
        paused_seconds=30 * 60,
        status="completed",
        position=HOLDS + 2,
        ended_at=start + timedelta(minutes=40),
    )
    assert "About 10 minutes" in client_alice.get(url(running)).content.decode()


def test_it_shows_a_session_paused_yesterday_as_not_finished_without_writing(client_alice, running):
    running = _yesterday(at_step(running, 2, paused_at=timezone.now() - timedelta(days=1)))
    content = client_alice.get(url(running)).content.decode()
    assert "This session was not finished" in content
    running.refresh_from_db()
    assert running.status == "in_progress"  # a GET writes nothing


def test_it_closes_a_session_paused_yesterday_on_the_next_post(client_alice, running):
    running = _yesterday(at_step(running, 2, paused_at=timezone.now() - timedelta(days=1)))
    PainLog.objects.create(
        user=running.user, pain=4, kind="before", session=running, logged_at=running.started_at
    )
    answer(client_alice, running, 2, "resume")
    running.refresh_from_db()
    assert (running.status, running.ended_at) == ("not_finished", running.last_activity_at)
    assert running.paused_at is None
    assert PainLog.objects.filter(session=running).count() == 1  # its logs are kept


def test_it_starts_afresh_the_day_after_a_pause(client_alice, running, alice):
    running = _yesterday(at_step(running, 2, paused_at=timezone.now() - timedelta(days=1)))
    response = client_alice.post(reverse("tracking:session-start"))
    fresh = Session.objects.for_user(alice).in_progress().get()
    assert fresh.pk != running.pk and response["Location"] == url(fresh)
    running.refresh_from_db()
    assert running.status == "not_finished"


def test_it_does_not_pause_the_pain_screen(client_alice, running):
    answer(client_alice, running, 0, "pause")
    running.refresh_from_db()
    assert running.paused_at is None


# --- Today: resume instead of start ------------------------------------------------


def test_it_offers_to_resume_a_paused_session_on_today(client_alice, running):
    running = at_step(running, 2, paused_at=timezone.now())
    content = client_alice.get(reverse("tracking:today")).content.decode()
    assert "Resume your session — hold 2 of 3" in content
    assert f'action="{url(running)}"' in content
    assert 'name="action" value="resume"' in content
    assert "Start today's session (about" not in content


def test_it_offers_a_link_back_to_a_running_session_on_today(client_alice, running):
    running = at_step(running, 3)
    content = client_alice.get(reverse("tracking:today")).content.decode()
    assert f'href="{url(running)}">Resume your session — hold 3 of 3</a>' in content


def test_it_offers_a_new_session_on_today_once_yesterdays_was_left(client_alice, running):
    _yesterday(at_step(running, 2, paused_at=timezone.now() - timedelta(days=1)))
    content = client_alice.get(reverse("tracking:today")).content.decode()
    assert "Start today's session (about" in content and "Resume your session" not in content


def test_the_resume_form_on_today_resumes(client_alice, running):
    running = at_step(running, 2, paused_at=timezone.now())
    response = answer(client_alice, running, 2, "resume")
    assert response["Location"] == url(running)
    running.refresh_from_db()
    assert running.paused_at is None


# --- Stop is for symptoms ----------------------------------------------------------


def test_one_tap_on_stop_ends_holding_and_asks_what_happened(client_alice, running):
    answer(client_alice, at_step(running, 2), 2, "stop")
    running.refresh_from_db()
    assert (running.status, running.asking, running.position) == ("in_progress", "stop", 2)
    content = client_alice.get(url(running)).content.decode()
    assert "Let go of the stretch slowly" in content
    assert "What happened? (optional)" in content
    for label in (
        "Sharp or shooting pain",
        "Numbness or tingling getting worse or spreading",
        "Cramp or spasm",
        "Feeling faint or dizzy, chest pain or breathlessness",
        "Something else",
    ):
        assert label in content
    assert "Bleeding, fluid leaking" not in content  # offered in pregnancy only
    assert 'href="tel:999"' in content  # the emergency number is there at once
    assert not SafetyStop.objects.exists()


def test_it_goes_back_to_the_stretch_from_the_stop_question(client_alice, running):
    answer(client_alice, at_step(running, 2, asking="stop"), 2, "resume")
    running.refresh_from_db()
    assert (running.asking, running.position, running.status) == ("", 2, "in_progress")


def test_it_stops_without_a_reason_or_a_pain_score(client_alice, running, alice):
    running = at_step(running, 2, asking="stop")
    response = answer(client_alice, running, 2, "stop")
    assert response.status_code == 302
    running.refresh_from_db()
    assert (running.status, running.position) == ("stopped", HOLDS + 1)
    assert StopSignal.objects.get(session=running).reason == "not-said"
    stop = SafetyStop.objects.get(user=alice)
    assert (stop.kind, stop.label) == ("symptom", "your symptoms")
    answer(client_alice, running, HOLDS + 1, "pain")  # no pain score: still moves on
    running.refresh_from_db()
    assert running.position == HOLDS + 2
    assert not PainLog.objects.filter(session=running, kind="after").exists()


@pytest.mark.parametrize(
    ("reason", "kind", "label"),
    [
        ("sharp-pain", "symptom", "sharp or shooting pain"),
        ("numbness", "symptom", "numbness or tingling getting worse"),
        ("cramp", "cramp", "cramp or spasm"),
        ("faint", "emergency", "feeling faint or dizzy, chest pain or breathlessness"),
    ],
)
def test_each_stop_reason_is_written_into_the_standing(
    client_alice, running, alice, reason, kind, label
):
    answer(client_alice, at_step(running, 1, asking="stop"), 1, "stop", reason=reason)
    stop = SafetyStop.objects.get(user=alice)
    assert (stop.kind, stop.label, stop.day) == (kind, label, timezone.localdate())
    assert StopSignal.objects.get().reason == reason


def test_after_sharp_pain_today_offers_no_session(client_alice, running, alice):
    answer(client_alice, at_step(running, 1, asking="stop"), 1, "stop", reason="sharp-pain")
    client_alice.post(reverse("tracking:session-start"))  # refused by the safety gate
    assert Session.objects.for_user(alice).in_progress().count() == 0
    today = client_alice.get(reverse("tracking:today"))
    assert b"Start today's session (about" not in today.content


def test_it_shows_what_to_do_once_with_the_warning_card(client_alice, running):
    answer(client_alice, at_step(running, 2, asking="stop"), 2, "stop", reason="sharp-pain")
    content = client_alice.get(url(running)).content.decode()
    assert "Stop stretching for today." in content
    assert "No more stretching today." in content
    assert 'id="warning-card"' in content
    assert "How much pain do you have right now? (optional)" in content
    answer(client_alice, running, HOLDS + 1, "pain", pain=6)
    summary = client_alice.get(url(running)).content.decode()
    assert "Stop stretching for today." not in summary  # the summary does not repeat it
    assert "Because of sharp or shooting pain." in summary
    assert 'id="warning-card"' in summary
    assert "Now a" not in summary  # no walk prompt after a stop


@pytest.mark.parametrize(
    ("country", "number", "not_theirs"), [("GB", "999", "911"), ("US", "911", "999")]
)
def test_it_gives_the_persons_own_emergency_number_for_faint_or_chest_pain(
    client, make_user, make_screening, today_calls, country, number, not_theirs
):
    person = make_user("dan", country=country)
    make_screening(person)
    client.force_login(person)
    session = at_step(start_session(person), 2, asking="stop")
    answer(client, session, 2, "stop", reason="faint")
    content = client.get(url(session)).content.decode()
    main = content[content.index("<main") : content.index("</main>")]
    assert f'href="tel:{number}">Call {number}</a>' in main
    # Another country's number is never offered (timestamps on the page may hold the digits).
    assert f"tel:{not_theirs}" not in content and f"Call {not_theirs}" not in content
    assert SafetyStop.objects.get(user=person).kind == "emergency"


@pytest.fixture
def pregnant(client, make_user, make_screening, today_calls):
    person = make_user("pat")
    make_screening(person, "caution", cautions=[Caution.PREGNANCY])
    client.force_login(person)
    return person


def test_it_offers_pregnancy_signs_to_a_pregnant_person(client, pregnant):
    session = at_step(start_session(pregnant), 1, asking="stop")
    content = client.get(url(session)).content.decode()
    assert "Bleeding, fluid leaking, contractions, calf pain or swelling" in content


def test_a_pregnancy_sign_blocks_and_says_contact_the_maternity_unit(client, pregnant):
    session = at_step(start_session(pregnant), 1, asking="stop")
    answer(client, session, 1, "stop", reason="pregnancy")
    stop = SafetyStop.objects.get(user=pregnant)
    assert (stop.kind, stop.label) == ("emergency", "a pregnancy warning sign")
    content = client.get(url(session)).content.decode()
    assert "Contact your maternity unit now." in content


def test_it_refuses_a_pregnancy_reason_from_someone_not_pregnant(client_alice, running):
    running = at_step(running, 1, asking="stop")
    response = answer(client_alice, running, 1, "stop", reason="pregnancy")
    assert response.status_code == 200
    assert b"Choose one of the reasons listed, or none at all." in response.content
    running.refresh_from_db()
    assert (running.status, running.asking) == ("in_progress", "stop")
    assert not SafetyStop.objects.exists()


@pytest.mark.parametrize("reason", ["tired", "sharp", "OTHER"])
def test_it_gives_a_clear_message_for_an_unknown_reason(client_alice, running, reason):
    running = at_step(running, 1, asking="stop")
    response = answer(client_alice, running, 1, "stop", reason=reason, **{})
    assert b"Choose one of the reasons listed, or none at all." in response.content
    assert not StopSignal.objects.exists()


def test_it_gives_a_clear_message_for_a_long_note(client_alice, running):
    running = at_step(running, 1, asking="stop")
    response = answer(client_alice, running, 1, "stop", reason="other", note="x" * 501, **HX)
    assert response.status_code == 200
    assert b"Keep the note to 500 characters or fewer." in response.content
    running.refresh_from_db()
    assert running.asking == "stop"


def test_something_else_asks_about_the_body(client_alice, running):
    running = at_step(running, 1, asking="stop")
    answer(client_alice, running, 1, "stop", reason="other", note="  the phone rang ")
    running.refresh_from_db()
    assert (running.asking, running.stop_note) == ("body", "the phone rang")
    content = client_alice.get(url(running)).content.decode()
    assert "Was it because of how your body felt?" in content
    assert 'name="note" value="the phone rang"' in content


def test_something_else_not_about_the_body_is_a_pause(client_alice, running, alice):
    running = at_step(running, 1, asking="body", stop_note="the phone rang")
    answer(client_alice, running, 1, "stop", reason="other", note="the phone rang", body="no")
    running.refresh_from_db()
    assert (running.status, running.asking, running.paused_at is not None) == (
        "in_progress",
        "",
        True,
    )
    assert not SafetyStop.objects.exists() and not StopSignal.objects.exists()


def test_something_else_about_the_body_is_a_symptom_stop(client_alice, running, alice):
    running = at_step(running, 1, asking="body", stop_note="felt odd")
    answer(client_alice, running, 1, "stop", reason="other", note="felt odd", body="yes")
    assert StopSignal.objects.get().note == "felt odd"
    stop = SafetyStop.objects.get(user=alice)
    assert (stop.kind, stop.label) == ("symptom", "how your body felt")


def test_a_replayed_stop_is_stored_once(client_alice, running, alice):
    running = at_step(running, 1, asking="stop")
    for _ in range(3):
        answer(client_alice, running, 1, "stop", reason="cramp")
    assert StopSignal.objects.count() == 1 and SafetyStop.objects.count() == 1


# --- A cramp: rest 30 minutes, then carry on at the same place ----------------------

REST_TIME = re.compile(r"You can carry on from \d\d:\d\d, in (\d+:\d\d)\.")


def _cramp(client, running: Session, *, minutes_ago: float = 0) -> Session:
    """A stop for a cramp at hold 2, made ``minutes_ago`` (its records moved back,
    the safety check that came before it too). The session's last answer stays
    now: moved back past midnight, the session would be one left yesterday."""
    answer(client, at_step(running, 2, asking="stop"), 2, "stop", reason="cramp")
    back = timedelta(minutes=minutes_ago)
    Screening.objects.update(created_at=F("created_at") - back - timedelta(minutes=1))
    StopSignal.objects.update(created_at=F("created_at") - back)
    SafetyStop.objects.update(at=F("at") - back)
    Session.objects.filter(pk=running.pk).update(paused_at=F("paused_at") - back)
    running.refresh_from_db()
    return running


def _left(content: str) -> str:
    found = REST_TIME.search(content)
    assert found, "no time to carry on"
    return found.group(1)


def test_it_keeps_the_place_after_a_cramp(client_alice, running, alice):
    running = _cramp(client_alice, running)
    assert (running.status, running.position, running.asking) == ("in_progress", 2, "rest")
    assert running.paused_at is not None
    assert StopSignal.objects.get().reason == "cramp"
    assert SafetyStop.objects.get(user=alice).kind == "cramp"
    content = client_alice.get(url(running)).content.decode()
    assert "You stopped: cramp or spasm" in content
    assert "Resting at hold 2 of 3" in content
    assert _left(content) in ("30:00", "29:59")
    assert "Lie still and breathe slowly" in content  # what to do now, with the warning card
    assert 'id="warning-card"' in content


def test_it_refuses_to_carry_on_before_the_rest_is_over_and_says_when(client_alice, running):
    running = _cramp(client_alice, running, minutes_ago=10)
    response = client_alice.post(url(running), {"position": 2, "action": "resume"}, **HX)
    running.refresh_from_db()
    assert (running.position, running.asking, running.paused_at is not None) == (2, "rest", True)
    content = response.content.decode()
    assert response.status_code == 200 and "<html" not in content
    assert _left(content) in ("20:00", "19:59")
    assert not SessionStep.objects.exists()


def test_it_carries_on_at_the_same_step_after_30_minutes(client_alice, running):
    running = _cramp(client_alice, running, minutes_ago=31)
    assert "Your rest is over." in client_alice.get(url(running)).content.decode()
    response = answer(client_alice, running, 2, "resume")
    assert response["Location"] == url(running)
    running.refresh_from_db()
    assert (running.status, running.position, running.asking, running.paused_at) == (
        "in_progress",
        2,
        "",
        None,
    )
    assert running.paused_seconds >= 31 * 60  # the rest is not time spent stretching
    content = client_alice.get(url(running)).content.decode()
    assert "Hold 2 of 3" in content and "Right leg" in content


def test_today_says_when_to_carry_on_during_the_rest(client_alice, running):
    _cramp(client_alice, running, minutes_ago=5)
    content = client_alice.get(reverse("tracking:today")).content.decode()
    assert re.search(r"You can carry on from \d\d:\d\d\.", content)
    assert "Resume your session" not in content and "Start today's session (about" not in content


def test_today_offers_to_resume_once_the_rest_is_over(client_alice, running):
    running = _cramp(client_alice, running, minutes_ago=30)
    content = client_alice.get(reverse("tracking:today")).content.decode()
    assert "Resume your session — hold 2 of 3" in content
    assert f'action="{url(running)}"' in content
    assert 'name="action" value="resume"' in content


def test_a_cramp_yesterday_is_not_resumable(client_alice, running, alice):
    running = _yesterday(_cramp(client_alice, running, minutes_ago=24 * 60))
    assert "This session was not finished" in client_alice.get(url(running)).content.decode()
    answer(client_alice, running, 2, "resume")
    running.refresh_from_db()
    assert (running.status, running.asking, running.paused_at) == ("not_finished", "", None)
    assert StopSignal.objects.get(session=running).reason == "cramp"  # the record stays
    content = client_alice.get(reverse("tracking:today")).content.decode()
    assert "Start today's session (about" in content and "Resume your session" not in content


def test_it_ends_the_session_while_resting_without_a_second_stop(client_alice, running, alice):
    running = _cramp(client_alice, running, minutes_ago=1)
    answer(client_alice, running, 2, "stop")
    running.refresh_from_db()
    assert (running.status, running.position, running.paused_at) == ("stopped", HOLDS + 1, None)
    assert StopSignal.objects.get().reason == "cramp"
    assert SafetyStop.objects.filter(user=alice).count() == 1


def test_a_stop_after_carrying_on_is_the_one_the_session_ends_with(client_alice, running, alice):
    running = _cramp(client_alice, running, minutes_ago=31)
    answer(client_alice, running, 2, "resume")
    answer(client_alice, at_step(running, 2, asking="stop"), 2, "stop", reason="sharp-pain")
    running.refresh_from_db()
    assert (running.status, running.position) == ("stopped", HOLDS + 1)
    assert StopSignal.objects.get(session=running).reason == "sharp-pain"
    kinds = SafetyStop.objects.filter(user=alice).values_list("kind", flat=True)
    assert sorted(kinds) == ["cramp", "symptom"]  # the standing keeps both


# --- Skip this stretch: because of pain? -------------------------------------------


def test_skip_asks_because_of_pain(client_alice, running):
    answer(client_alice, at_step(running, 1), 1, "skip")
    running.refresh_from_db()
    assert running.asking == "skip"
    content = client_alice.get(url(running)).content.decode()
    assert "<legend>Because of pain?</legend>" in content
    assert not SessionStep.objects.exists()


@pytest.mark.parametrize(("because", "for_pain"), [("yes", True), ("no", False)])
def test_it_skips_the_stretch_on_both_sides(client_alice, running, because, for_pain):
    answer(client_alice, at_step(running, 1, asking="skip"), 1, "skip", because_of_pain=because)
    running.refresh_from_db()
    assert (running.position, running.asking) == (3, "")
    assert list(SessionStep.objects.values_list("number", "outcome", "for_pain")) == [
        (1, "skipped", for_pain),
        (2, "skipped", for_pain),
    ]
    assert not SafetyStop.objects.exists()  # a pain signal, not a stop


def test_a_skip_without_an_answer_changes_nothing(client_alice, running):
    answer(client_alice, at_step(running, 1, asking="skip"), 1, "skip", because_of_pain="maybe")
    running.refresh_from_db()
    assert (running.position, running.asking) == (1, "skip")
    assert not SessionStep.objects.exists()


# --- Done means done ---------------------------------------------------------------


def test_done_at_once_is_cut_short(client_alice, running):
    answer(client_alice, running, 0, "pain", pain=3)
    answer(client_alice, running, 1, "done")
    step = SessionStep.objects.get()
    assert (step.outcome, step.cut_short) == ("done", True)


def test_done_after_half_the_time_is_not_cut_short(client_alice, running):
    # Left knee: 5 s get ready, then 20 + 10 + 20 s: 30 s in, it is half done.
    at_step(running, 1, step_shown_at=timezone.now() - timedelta(seconds=31))
    answer(client_alice, running, 1, "done")
    assert SessionStep.objects.get().cut_short is False


def test_the_timer_scale_applies_to_cut_short(client_alice, running, settings):
    settings.LIMBER_TIMER_SCALE = 0.01
    at_step(running, 1, step_shown_at=timezone.now() - timedelta(seconds=0.4))
    answer(client_alice, running, 1, "done")
    assert SessionStep.objects.get().cut_short is False


def test_the_hold_clock_starts_again_on_resume(client_alice, running):
    long_ago = timezone.now() - timedelta(hours=1)
    running = at_step(running, 1, paused_at=long_ago, step_shown_at=long_ago)
    answer(client_alice, running, 1, "resume")
    running.refresh_from_db()
    assert running.step_shown_at > long_ago + timedelta(minutes=59)


def test_the_summary_says_kindly_how_many_holds_were_cut_short(client_alice, running):
    answer(client_alice, running, 0, "pain", pain=3)
    for position in range(1, HOLDS + 1):
        answer(client_alice, running, position, "done")
    answer(client_alice, running, HOLDS + 1, "pain", pain=3)
    content = client_alice.get(url(running)).content.decode()
    assert "3 done. 3 holds were cut short. That is fine" in content


# --- The walk is not a hold ----------------------------------------------------------


def test_the_walk_is_not_a_step_of_the_session(client_alice, screened, alice):
    client_alice.post(reverse("tracking:session-start"))
    session = Session.objects.get(user=alice)
    assert "short-walk" not in {step["slug"] for step in session.plan}
    assert session.walk_seconds == 600


def test_the_summary_offers_the_walk_with_a_minutes_and_seconds_timer(
    client_alice, screened, alice
):
    client_alice.post(reverse("tracking:session-start"))
    session = Session.objects.get(user=alice)
    answer(client_alice, session, 0, "pain", pain=4)
    for position in range(1, len(session.plan) + 1):
        answer(client_alice, session, position, "done")
    session.refresh_from_db()
    assert session.status == "completed"  # the session ends with the pain score, no walk
    answer(client_alice, session, session.position, "pain", pain=3)
    content = client_alice.get(url(session)).content.decode()
    assert "Now a 10-minute walk" in content
    assert "data-walk-count>10:00</p>" in content
    assert 'data-walk-ms="600000"' in content
    assert "for 10 minutes" in content  # the text without JavaScript
    assert ">I walked today</button>" in content


def test_i_walked_today_is_stored_once_a_day(client_alice, alice):
    for _ in range(3):
        response = client_alice.post(reverse("tracking:walk"))
    assert response.status_code == 302 and response["Location"] == reverse("tracking:today")
    assert list(WalkLog.objects.values_list("user", "day")) == [(alice.pk, timezone.localdate())]


def test_i_walked_today_answers_htmx_with_the_tick(client_alice):
    response = client_alice.post(reverse("tracking:walk"), **HX)
    assert b"You walked today" in response.content and b"<html" not in response.content


def test_i_walked_today_is_a_post(client_alice):
    assert client_alice.get(reverse("tracking:walk")).status_code == 405


def test_i_walked_today_needs_login(client):
    response = client.post(reverse("tracking:walk"))
    assert response.status_code == 302 and not WalkLog.objects.exists()


def test_today_has_the_walk_tick(client_alice, screened):
    content = client_alice.get(reverse("tracking:today")).content.decode()
    assert f'action="{reverse("tracking:walk")}"' in content
    client_alice.post(reverse("tracking:walk"))
    assert "You walked today" in client_alice.get(reverse("tracking:today")).content.decode()


# --- Another person's session, a finished one, a step that is not current ---------


@pytest.mark.parametrize("action", ["pause", "resume", "stop", "skip"])
def test_it_404s_for_another_persons_session(client, running, bob, make_screening, action):
    make_screening(bob)
    client.force_login(bob)
    response = answer(client, at_step(running, 1), 1, action, reason="cramp")
    assert response.status_code == 404
    running.refresh_from_db()
    assert (running.asking, running.paused_at) == ("", None)


@pytest.mark.parametrize("action", ["pause", "resume", "stop", "skip"])
def test_it_ignores_answers_to_a_finished_session(client_alice, running, action):
    running = at_step(running, HOLDS + 2, status="completed")
    response = answer(client_alice, running, 1, action, reason="cramp")
    assert response["Location"] == url(running)
    running.refresh_from_db()
    assert (running.position, running.asking, running.paused_at) == (HOLDS + 2, "", None)
    assert not StopSignal.objects.exists()


@pytest.mark.parametrize("action", ["pause", "stop", "skip"])
def test_it_ignores_a_step_that_is_not_the_current_one(client_alice, running, action):
    running = at_step(running, 2)
    answer(client_alice, running, 1, action)
    running.refresh_from_db()
    assert (running.position, running.asking, running.paused_at) == (2, "", None)


def test_a_stage_1_session_with_real_timers(client_alice, screened, alice):
    """Pain before to summary: 4 step screens, 4:25 of timers, 2:50 of it holding; then the walk."""
    client_alice.post(reverse("tracking:session-start"))
    session = Session.objects.get(user=alice)
    assert [(s.slug, s.side, s.reps, s.hold_seconds, s.rest_seconds) for s in session.steps] == [
        ("single-knee-to-chest", "left", 2, 15, 10),
        ("single-knee-to-chest", "right", 2, 15, 10),
        ("cat-cow", "both", 2, 30, 10),
        ("pelvic-tilt", "both", 10, 5, 5),
    ]
    assert flow.timeline(session.steps) == flow.Timeline(timer_seconds=265, holding_seconds=170)
    assert session.walk_seconds == 600


def test_deleting_my_data_deletes_the_walk_ticks(client_alice, alice, bob):
    for person in (alice, bob):
        WalkLog.objects.create(user=person, day=timezone.localdate(), created_at=timezone.now())
    erase_history(alice)
    assert list(WalkLog.objects.values_list("user", flat=True)) == [bob.pk]
