"""Guided sessions in a real Chromium: with and without JavaScript, keyboard only, audited;
pause and resume from Today, a stop for symptoms, and "something else" that is a pause."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from screening.models import SafetyStop
from tests.tracking.session_builders import HOLDS, start_session
from tracking.models import PainLog, Session, SessionStep, StopSignal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 20 s holds become 1 s: the timed session runs in seconds, slow enough to watch each hold.
FAST = 0.05
PHONE = {"width": 390, "height": 844}
# Without JavaScript: "Hold for 5 seconds, relax for 5 seconds, 10 times, then press Done."
NO_TIMER_TEXT = re.compile(
    r"^Hold for \d+ seconds, (relax for \d+ seconds, \d+ times, )?then press Done\.$"
)


@pytest.fixture
def session_page(page: Page, live_server, alice, screened, browser_login):
    """Alice, logged in, looking at a fresh session of the fixed 3-step plan."""
    browser_login(page, "alice")
    session = start_session(alice)
    page.goto(f"{live_server.url}/sessions/{session.pk}/")
    return session


def panel(page: Page):
    return page.locator("#session-panel")


def give_pain(page: Page, value: int) -> None:
    page.get_by_role("group", name="How much pain do you have right now?").get_by_label(
        re.compile(rf"^{value}\b")
    ).check()


def expect_hold(page: Page, number: int) -> None:
    expect(panel(page).get_by_text(f"Hold {number} of {HOLDS}", exact=True)).to_be_visible()


def pause_timer(page: Page) -> None:
    page.get_by_role("button", name="Pause timer").click()
    expect(page.get_by_role("button", name="Resume timer")).to_be_visible()


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``selector`` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_full_timed_session_runs_from_pain_to_summary(
    page: Page, session_page: Session, settings
):
    settings.LIMBER_TIMER_SCALE = FAST
    page.reload()
    give_pain(page, 5)
    page.get_by_role("button", name="Save and start").click()
    expect_hold(page, 1)
    expect(panel(page).get_by_text("Left leg")).to_be_visible()
    # The timer counts down, sounds and moves on by itself through every hold.
    for number in range(2, HOLDS + 1):
        expect_hold(page, number)
    expect(page.get_by_role("heading", name="Well done. One last question")).to_be_visible()
    give_pain(page, 3)
    page.get_by_role("button", name="Save and see summary").click()
    expect(page.get_by_role("heading", name="Your session summary")).to_be_visible()
    expect(page.get_by_text("Your pain went down by 2 points, from 5 to 3.")).to_be_visible()
    expect(page.get_by_text(f"{HOLDS} done.", exact=True)).to_be_visible()  # none cut short
    expect(page).to_have_url(re.compile(rf"/sessions/{session_page.pk}/$"))
    assert SessionStep.objects.filter(session=session_page, outcome="done").count() == HOLDS
    assert Session.objects.get(pk=session_page.pk).status == "completed"


def test_the_same_session_works_without_javascript(browser, live_server, alice, screened, settings):
    settings.LIMBER_TIMER_SCALE = FAST
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Log in").click()
    session = start_session(alice)
    page.goto(f"{live_server.url}/sessions/{session.pk}/")

    give_pain(page, 4)
    page.get_by_role("button", name="Save and start").click()
    for number in range(1, HOLDS + 1):
        expect_hold(page, number)
        expect(page.get_by_text(NO_TIMER_TEXT)).to_be_visible()
        expect(page.get_by_role("button", name="Pause timer")).to_be_hidden()
        page.get_by_role("button", name="Done").click()
    give_pain(page, 4)
    page.get_by_role("button", name="Save and see summary").click()
    expect(page.get_by_text("Your pain stayed the same, at 4 out of 10.")).to_be_visible()
    assert PainLog.objects.filter(session=session).count() == 2
    context.close()


def test_stop_for_numbness_gives_advice_and_rests_for_the_day(
    page: Page, session_page: Session, live_server
):
    give_pain(page, 4)
    page.get_by_role("button", name="Save and start").click()
    expect_hold(page, 1)
    page.get_by_role("button", name="Stop").click()
    page.get_by_label("Numbness or tingling getting worse or spreading").check()
    page.get_by_role("button", name="Save and see what to do").click()

    expect(page.get_by_text("Stop stretching for today.")).to_be_visible()
    # The warning card, with the person's own number (a UK persona).
    card = page.get_by_role("main").get_by_role("region", name="Get emergency help at once")
    expect(card).to_be_visible()
    expect(card.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    page.get_by_role("button", name="See your summary").click()  # the pain score is optional
    expect(page.get_by_role("heading", name="Your session summary")).to_be_visible()
    assert StopSignal.objects.get(session=session_page).reason == "numbness"

    # No more stretching today: Today is closed with the reason, and no new check is offered.
    page.goto(f"{live_server.url}/routines/today/")
    expect(page.get_by_role("heading", name="Rest for now")).to_be_visible()
    expect(page.get_by_text("No more stretching today")).to_be_visible()
    expect(page.get_by_role("link", name="Answer the questions again")).to_have_count(0)


def test_a_reload_in_the_middle_resumes_the_same_step(page: Page, session_page: Session):
    give_pain(page, 4)
    page.get_by_role("button", name="Save and start").click()
    expect_hold(page, 1)
    page.get_by_role("button", name="Done").click()
    expect_hold(page, 2)
    page.reload()
    expect_hold(page, 2)
    expect(panel(page).get_by_text("Right leg")).to_be_visible()
    page.go_back()
    page.go_forward()
    expect_hold(page, 2)


def test_a_session_can_be_finished_with_the_keyboard_only(page: Page, session_page: Session):
    tab_to(page, "input[name=pain]")
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # 0 -> 3
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect_hold(page, 1)
    # Focus lands on the new step's heading; Space pauses and resumes the timer.
    expect(page.locator("#step-heading")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Resume timer")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Pause timer")).to_be_visible()
    for number in range(1, HOLDS + 1):
        expect_hold(page, number)
        expect(page.locator("#step-heading")).to_be_focused()
        tab_to(page, "[data-timer-done]")
        page.keyboard.press("Enter")
    expect(page.locator("#step-heading")).to_be_focused()
    tab_to(page, "input[name=pain]")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # 0 -> 2
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your session summary")).to_be_focused()
    expect(page.get_by_text("Your pain went down by 1 point, from 3 to 2.")).to_be_visible()


def test_every_screen_passes_axe_including_after_each_swap(
    page: Page, session_page: Session, axe_check
):
    axe_check(page, context="pain before (full page)")
    page.get_by_role("button", name="Save and start").click()
    expect(page.get_by_text("Choose a whole number from 0")).to_be_visible()
    axe_check(page, context="pain before with an error")
    give_pain(page, 6)
    page.get_by_role("button", name="Save and start").click()
    expect_hold(page, 1)
    pause_timer(page)
    axe_check(page, context="hold 1 after a swap")
    page.get_by_role("button", name="Skip this stretch").click()
    expect(page.get_by_role("group", name="Because of pain?")).to_be_visible()
    axe_check(page, context="skip question")
    page.get_by_role("button", name="No, for another reason").click()
    # Both sides of the knee-to-chest are skipped: the next stretch is the pelvic tilt.
    expect_hold(page, 3)
    expect(page.get_by_role("heading", name="Pelvic tilt")).to_be_visible()
    page.get_by_role("button", name="Pause / I was interrupted").click()
    expect(page.get_by_role("heading", name="Your session is paused")).to_be_visible()
    # htmx's autofocus: the button most people press here, not the heading.
    expect(page.get_by_role("button", name="Resume the session")).to_be_focused()
    axe_check(page, context="paused")
    page.get_by_role("button", name="Resume the session").click()
    expect_hold(page, 3)
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("group", name="What happened? (optional)")).to_be_visible()
    axe_check(page, context="stop question")
    page.get_by_label("Something else").check()
    page.get_by_role("button", name="Save and see what to do").click()
    expect(page.get_by_role("group", name="Was it because of how your body felt?")).to_be_visible()
    expect(page.get_by_role("button", name="Yes", exact=True)).to_be_focused()
    axe_check(page, context="body question")
    page.get_by_role("button", name="Go back to the stretch").click()
    expect_hold(page, 3)
    page.get_by_role("button", name="Stop").click()
    page.get_by_label("Cramp or spasm").check()
    page.get_by_role("button", name="Save and see what to do").click()
    expect(page.get_by_role("heading", name="You stopped: cramp or spasm")).to_be_visible()
    expect(page.get_by_text(re.compile(r"You can carry on from \d\d:\d\d, in"))).to_be_visible()
    expect(page.get_by_role("heading", name="You stopped: cramp or spasm")).to_be_focused()
    axe_check(page, context="resting after a cramp")
    page.get_by_role("button", name="End the session here").click()
    expect(page.get_by_role("group", name=re.compile("How much pain"))).to_be_visible()
    axe_check(page, context="advice and pain after")
    give_pain(page, 5)
    page.get_by_role("button", name="See your summary").click()
    expect(page.get_by_role("heading", name="Your session summary")).to_be_visible()
    axe_check(page, context="summary after a swap")
    page.reload()
    axe_check(page, context="summary (full page)")


def test_the_live_region_announces_each_new_step(page: Page, session_page: Session):
    give_pain(page, 2)
    page.get_by_role("button", name="Save and start").click()
    expect_hold(page, 1)
    # Someone who cannot see the screen hears which side and how many reps, not just the name.
    expect(page.locator("[data-session-announcer]")).to_have_text(
        "Single knee-to-chest. Left leg. 2 times: hold 20, relax 10."
    )
    expect(page).to_have_title(re.compile(f"hold 1 of {HOLDS}"))
    pause_timer(page)
    page.get_by_role("button", name="Done", exact=True).click()
    expect_hold(page, 2)
    expect(page.locator("[data-session-announcer]")).to_have_text(
        "Single knee-to-chest. Right leg. 2 times: hold 20, relax 10."
    )


def test_the_breath_pacer_moves_only_when_motion_is_welcome(page: Page, session_page: Session):
    give_pain(page, 2)
    page.get_by_role("button", name="Save and start").click()
    expect_hold(page, 1)
    circle = page.locator(".pacer-circle")
    expect(page.locator("[data-pacer-text]")).to_have_text(re.compile("^Breathe (in|out)$"))
    assert circle.evaluate("e => getComputedStyle(e).transitionDuration") == "5s"

    page.emulate_media(reduced_motion="reduce")
    expect(page.locator("[data-pacer-text]")).to_have_text(re.compile("^Breathe (in|out)$"))
    assert circle.evaluate("e => getComputedStyle(e).transform") == "none"
    assert circle.evaluate("e => getComputedStyle(e).transitionDuration") == "0s"


def test_muting_the_end_sound_is_remembered_on_the_next_step(page: Page, session_page: Session):
    give_pain(page, 2)
    page.get_by_role("button", name="Save and start").click()
    expect_hold(page, 1)
    sound = page.get_by_role("button", name="Sounds")
    speech = page.get_by_role("button", name="Spoken cues")
    expect(sound).to_have_attribute("aria-pressed", "true")
    expect(speech).to_have_attribute("aria-pressed", "false")  # off until asked for
    sound.click()
    expect(sound).to_have_attribute("aria-pressed", "false")
    page.get_by_role("button", name="Done").click()
    expect_hold(page, 2)
    expect(page.get_by_role("button", name="Sounds")).to_have_attribute("aria-pressed", "false")


def test_a_phone_shows_timer_pacer_done_and_stop_without_scrolling(
    page: Page, session_page: Session
):
    """Lying on a mat with a 390 x 844 phone, nothing needed mid-hold is off screen."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    give_pain(page, 4)
    page.get_by_role("button", name="Save and start").click()
    expect_hold(page, 1)
    pause_timer(page)
    controls = {
        "timer": page.locator("[data-timer-count]"),
        "pacer": page.locator("[data-breath-pacer]"),
        "Done": page.get_by_role("button", name="Done", exact=True),
        "Stop": page.get_by_role("button", name="Stop", exact=True),
    }
    for name, locator in controls.items():
        box = locator.bounding_box()
        assert box is not None, name
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844, f"{name} is off screen: {box}"


def test_every_stop_reason_has_a_full_size_radio_on_a_phone(page: Page, session_page: Session):
    page.set_viewport_size(PHONE)
    page.reload()
    give_pain(page, 4)
    page.get_by_role("button", name="Save and start").click()
    expect_hold(page, 1)
    page.get_by_role("button", name="Stop", exact=True).click()
    radios = page.get_by_role("group", name="What happened? (optional)").get_by_role("radio")
    expect(radios).to_have_count(5)  # pregnancy signs are offered in pregnancy only
    widths = {round(radios.nth(i).bounding_box()["width"]) for i in range(5)}
    assert len(widths) == 1, widths


def test_a_phone_shows_all_pain_choices_and_save_without_scrolling(
    page: Page, session_page: Session
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    for control in (
        page.get_by_role("group", name="How much pain do you have right now?"),
        page.get_by_role("button", name="Save and start"),
    ):
        box = control.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, box


# --- Pause and stop, on a phone ---------------------------------------------------


def test_a_pause_then_resume_from_today(page: Page, session_page: Session, live_server, axe_check):
    page.set_viewport_size(PHONE)
    page.reload()
    give_pain(page, 3)
    page.get_by_role("button", name="Save and start").click()
    expect_hold(page, 1)
    page.get_by_role("button", name="Done", exact=True).click()
    expect_hold(page, 2)
    page.get_by_role("button", name="Pause / I was interrupted").click()
    expect(page.get_by_role("heading", name="Your session is paused")).to_be_visible()
    axe_check(page, context="paused (phone)")

    page.goto(f"{live_server.url}/routines/today/")
    resume = page.get_by_role("button", name=f"Resume your session — hold 2 of {HOLDS}")
    expect(resume).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Start today"))).to_have_count(0)
    axe_check(page, context="Today with a paused session (phone)")
    resume.click()
    expect_hold(page, 2)
    expect(panel(page).get_by_text("Right leg")).to_be_visible()
    axe_check(page, context="hold 2 after resuming (phone)")
    assert not StopSignal.objects.exists()
    assert not SafetyStop.objects.exists()  # a pause is no signal at all


def test_a_stop_for_sharp_pain_then_today_offers_no_new_session(
    page: Page, session_page: Session, live_server, axe_check
):
    page.set_viewport_size(PHONE)
    page.reload()
    give_pain(page, 3)
    page.get_by_role("button", name="Save and start").click()
    expect_hold(page, 1)
    page.get_by_role("button", name="Stop", exact=True).click()
    expect(page.get_by_role("heading", name="Let go of the stretch slowly")).to_be_visible()
    axe_check(page, context="stop question (phone)")
    page.get_by_label("Sharp or shooting pain").check()
    page.get_by_role("button", name="Save and see what to do").click()
    expect(page.get_by_text("Stop stretching for today.")).to_be_visible()
    axe_check(page, context="what to do now (phone)")
    assert SafetyStop.objects.get().kind == "symptom"

    page.goto(f"{live_server.url}/routines/today/")
    expect(page.get_by_text("No more stretching today")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Start today"))).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("Resume your session"))).to_have_count(0)
    axe_check(page, context="Today after a stop (phone)")
    # An immediate all-"no" safety check is not offered either: rest comes first.
    page.goto(f"{live_server.url}/screening/")
    expect(page.get_by_role("button", name="Start the questions")).to_have_count(0)


def test_something_else_not_about_the_body_is_a_pause(
    page: Page, session_page: Session, live_server, axe_check
):
    page.set_viewport_size(PHONE)
    page.reload()
    give_pain(page, 3)
    page.get_by_role("button", name="Save and start").click()
    expect_hold(page, 1)
    page.get_by_role("button", name="Stop", exact=True).click()
    page.get_by_label("Something else").check()
    page.get_by_label("Anything else you want to note? (optional)").fill("The phone rang")
    page.get_by_role("button", name="Save and see what to do").click()
    page.get_by_role("button", name="No", exact=True).click()
    expect(page.get_by_role("heading", name="Your session is paused")).to_be_visible()
    axe_check(page, context="paused after something else (phone)")
    assert not StopSignal.objects.exists() and not SafetyStop.objects.exists()

    page.goto(f"{live_server.url}/routines/today/")
    page.get_by_role("button", name=f"Resume your session — hold 1 of {HOLDS}").click()
    expect_hold(page, 1)


def test_pause_resume_and_a_stop_work_without_javascript(
    browser, live_server, alice, screened, settings
):
    settings.LIMBER_TIMER_SCALE = FAST
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill("alice")
        page.get_by_label("Password").fill("correct-horse-battery-staple")
        page.get_by_role("button", name="Log in").click()
        session = start_session(alice)
        page.goto(f"{live_server.url}/sessions/{session.pk}/")
        give_pain(page, 3)
        page.get_by_role("button", name="Save and start").click()
        expect_hold(page, 1)
        page.get_by_role("button", name="Pause / I was interrupted").click()
        expect(page.get_by_role("heading", name="Your session is paused")).to_be_visible()

        page.goto(f"{live_server.url}/routines/today/")
        page.get_by_role("button", name=f"Resume your session — hold 1 of {HOLDS}").click()
        expect_hold(page, 1)
        page.get_by_role("button", name="Stop", exact=True).click()
        page.get_by_label("Sharp or shooting pain").check()
        page.get_by_role("button", name="Save and see what to do").click()
        expect(page.get_by_text("Stop stretching for today.")).to_be_visible()
        assert SafetyStop.objects.get().kind == "symptom"

        page.goto(f"{live_server.url}/routines/today/")
        expect(page.get_by_text("No more stretching today")).to_be_visible()
    finally:
        context.close()
