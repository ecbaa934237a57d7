"""The safety check in a real Chromium: red flags block, a clear result opens the routine."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from screening.questions import TOPICS
from tests.conftest import PASSWORD
from tests.screening.builders import ALL_CLEAR, days_ago, make_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_up(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("Which country do you live in?").select_option("United Kingdom")
    page.get_by_label("Time zone").select_option("Europe/London")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()


def answer_step(page: Page, step: int, answers: dict[str, object]) -> None:
    """Answer one screen the way a person does: by the question's words."""
    expect(page.get_by_text(f"Step {step} of {len(TOPICS)}", exact=True)).to_be_visible()
    for question in TOPICS[step - 1].questions:
        value = answers[question.key]
        if question.is_number:
            page.get_by_label(question.text).fill(str(value))
            continue
        label = next(c.label for c in question.choices if c.value == value)
        group = page.get_by_role("group", name=question.text)
        group.get_by_label(label, exact=True).check()


def answer_everything(page: Page, axe_check=None, **changes: object) -> None:
    page.get_by_role("button", name="Start the questions").click()
    answer_from(page, 1, axe_check, **changes)


def answer_from(
    page: Page, first: int, axe_check=None, *, last: int = 7, **changes: object
) -> None:
    """Answer steps `first` to `last` (after the 7th, see the result)."""
    answers = {**ALL_CLEAR, **changes}
    for step in range(first, last + 1):
        answer_step(page, step, answers)
        if axe_check is not None:
            axe_check(page, context=f"screening step {step}")
        name = "See my result" if step == 7 else "Next"
        page.get_by_role("button", name=name).click()


def test_bladder_trouble_shows_emergency_help_and_no_stretch(page, live_server, axe_check):
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    sign_up(page, base, "hana")
    expect(page).to_have_url(f"{base}/screening/")
    axe_check(page, context="screening start")

    page.get_by_role("button", name="Start the questions").click()
    answer_from(page, 1, axe_check, last=2, bladder="yes")
    # Told at once, and the questions end there: no more steps under a red panel.
    expect(page.get_by_text("Step 3 of 7", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Get emergency help now")).to_be_focused()
    expect(page.get_by_text("You don't need to answer the rest. Get help now.")).to_be_visible()
    call = page.get_by_role("link", name="Call 999", exact=True)
    expect(call).to_have_attribute("href", "tel:999")
    expect(call).to_be_in_viewport()  # no scrolling needed to find it
    expect(page.get_by_text("Call 999 now, or go to the nearest emergency")).to_be_visible()
    expect(page.get_by_role("list").filter(has_text="Do not drive yourself")).to_be_visible()
    expect(page.get_by_role("button", name="Next")).to_have_count(0)
    expect(page.get_by_role("link", name="Go to today's routine")).to_have_count(0)
    axe_check(page, context="questions ended by an emergency answer")

    page.goto(f"{base}/routines/today/")
    expect(page.get_by_role("heading", name="Get emergency help now")).to_be_visible()
    expect(page.get_by_text("This page is closed for you")).to_be_visible()
    axe_check(page, context="blocked routine page")


def test_a_person_with_no_red_flags_reaches_their_routine(page, live_server, axe_check):
    base = live_server.url
    sign_up(page, base, "ivan")

    answer_everything(page)

    expect(page.get_by_role("heading", name="You can start")).to_be_visible()
    axe_check(page, context="clear result")
    routine = page.get_by_role("link", name="Go to today's routine")
    expect(routine).to_have_attribute("href", "/routines/today/")
    routine.click()
    expect(page).to_have_url(f"{base}/routines/today/")
    expect(page.get_by_role("heading", name="Today's routine")).to_be_visible()
    expect(page.get_by_text("This page is closed for you")).to_have_count(0)
    expect(page.get_by_role("button", name="Start the questions")).to_have_count(0)


def test_back_keeps_answers_and_errors_are_explained(
    page, live_server, axe_check, alice, browser_login
):
    base = live_server.url
    browser_login(page, "alice")
    page.goto(f"{base}/screening/")
    page.get_by_role("button", name="Start the questions").click()
    # On a phone a long answer wraps beside a full-size radio, not a squashed one.
    page.set_viewport_size({"width": 390, "height": 844})
    radio = page.get_by_label("In the last 6 weeks, after something like lifting")
    assert radio.bounding_box()["width"] >= 18
    answer_step(page, 1, ALL_CLEAR)
    page.get_by_role("button", name="Next").click()

    # The swap moves focus to the new step, and the tab says which step it is.
    expect(page.get_by_role("heading", name="Bladder, bowels")).to_be_focused()
    expect(page).to_have_title("Safety check, step 2 of 7 · Limber")
    page.get_by_role("button", name="Next").click()  # nothing chosen on step 2
    expect(page.get_by_role("alert")).to_contain_text("Please answer every question")
    expect(page.get_by_role("alert")).to_be_focused()
    axe_check(page, context="step with errors")

    page.get_by_role("link", name="Back").click()
    expect(page.get_by_text("Step 1 of 7", exact=True)).to_be_visible()
    expect(page.get_by_label("How old are you?")).to_have_value("35")
    expect(page).to_have_url(re.compile(r"/questions/.+/1/$"))


def test_a_clinician_result_can_be_cleared(page, live_server, axe_check, alice, browser_login):
    base = live_server.url
    browser_login(page, "alice")
    page.goto(f"{base}/screening/")

    answer_everything(page, cancer="yes", knee_pain="yes")
    expect(page.get_by_role("heading", name="See your GP or a physio first")).to_be_visible()
    axe_check(page, context="clinician result")

    page.get_by_role("link", name="Record that a clinician cleared you").click()
    axe_check(page, context="clearance form")
    page.get_by_role("button", name="Save clearance").click()
    expect(page.get_by_role("alert")).to_contain_text("Please check the answers")
    axe_check(page, context="clearance form with errors")

    page.get_by_label("Who cleared you?").fill("Dr Patel")
    page.get_by_role("group", name="What is their job?").get_by_label("GP or family doctor").check()
    page.get_by_label("They told me gentle stretching is safe for me now.").check()
    page.get_by_label("When did they clear you?").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Save clearance").click()

    expect(page.get_by_text("Your clearance is saved")).to_be_visible()
    expect(page.get_by_role("heading", name="You are cleared to start")).to_be_visible()
    expect(page.get_by_text("Hold behind your thigh or use a strap")).to_be_visible()
    expect(page.get_by_role("link", name="Go to today's routine")).to_be_visible()
    axe_check(page, context="cleared result")
    page.get_by_role("link", name="Safety check", exact=True).click()
    expect(page.get_by_role("heading", name="Your safety checks")).to_be_visible()
    axe_check(page, context="history")


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {selector} with the Tab key")


def test_the_questions_can_be_finished_with_the_keyboard_alone(page, live_server, alice):
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.goto(f"{base}/screening/")

    tab_to(page, "button[type=submit]:not(.link-button)")
    page.keyboard.press("Enter")
    for step, topic in enumerate(TOPICS, start=1):
        expect(page.get_by_text(f"Step {step} of 7", exact=True)).to_be_visible()
        for question in topic.questions:
            if question.is_number:
                tab_to(page, f"input[name={question.key}]")
                page.keyboard.type(str(ALL_CLEAR[question.key]))
                continue
            index = [c.value for c in question.choices].index(ALL_CLEAR[question.key])
            tab_to(page, f"input[name={question.key}]")
            page.keyboard.press("Space")  # checks the first choice
            for _ in range(index):
                page.keyboard.press("ArrowDown")  # moves to, and checks, the next
            expect(page.locator(f"#id_{question.key}_{index}")).to_be_checked()
        tab_to(page, "#questionnaire button[type=submit]")
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="You can start")).to_be_visible()


def test_the_questions_work_without_javascript(browser, live_server, alice, browser_login):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        browser_login(page, "alice")
        page.goto(f"{live_server.url}/screening/")
        page.get_by_role("button", name="Start the questions").click()
        page.get_by_role("button", name="Next").click()  # nothing answered yet
        expect(page.get_by_role("alert")).to_contain_text("Please answer every question")
        expect(page.get_by_text("Please type your age in years")).to_be_visible()
        answer_from(page, 1, fever="yes")
        expect(page.get_by_role("heading", name="See a doctor today")).to_be_visible()
        expect(page.get_by_role("link", name="Call 111", exact=True)).to_be_visible()
        expect(page.get_by_text("Contact NHS 111 or your GP today.").first).to_be_visible()
    finally:
        context.close()


def test_other_result_pages_pass_axe(page, live_server, axe_check, alice, browser_login):
    base = live_server.url
    old = make_screening(alice, "urgent", created_at=days_ago(40))
    make_screening(alice, "clinician")
    browser_login(page, "alice")

    page.goto(f"{base}/screening/result/{old.pk}/")
    expect(page.get_by_role("heading", name="See a doctor today")).to_be_visible()
    expect(page.get_by_text("It no longer decides what you can do")).to_be_visible()
    axe_check(page, context="old urgent result")

    page.goto(f"{base}/routines/today/")
    expect(page.get_by_role("heading", name="See your GP or a physio first")).to_be_visible()
    expect(page.get_by_role("link", name="Record that a clinician cleared you")).to_be_visible()
    axe_check(page, context="routine page blocked by a clinician result")

    page.goto(f"{base}/screening/")
    expect(page.get_by_role("link", name="Read what to do")).to_be_visible()
    axe_check(page, context="start page with a blocking result")

    page.goto(f"{base}/screening/history/")
    expect(page.get_by_role("row")).to_have_count(3)
    axe_check(page, context="history with two results")
