"""The safety standing in a real Chromium: an emergency answer holds, a mistaken tap is
taken back, an older tab cannot overturn newer answers, a record of being seen reopens
the routine, and every signed-in page carries the advice while an alarm stands."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from screening.models import Screening, ScreeningDraft
from screening.questions import TOPICS
from tests.browser.test_screening import answer_step
from tests.screening.builders import ALL_CLEAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
TOTAL = len(TOPICS)
ENDED = "You don't need to answer the rest. Get help now."
STALE = "replaced by newer ones"
CARD = "Get emergency help at once if you notice:"  # the warning card
CLOSED = "This page is closed for you for now, because of your safety check."
CLEARED = "That answer is cleared. Please answer the question again."
WITH_AND_WITHOUT_JS = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
# Contexts made without JavaScript, by id(): axe cannot run in their pages.
WITHOUT_JS: set[int] = set()


@contextmanager
def browser_page(browser: Browser, *, js: bool, viewport: dict[str, int]) -> Iterator[Page]:
    """A fresh browser context (own cookies), with or without JavaScript."""
    context = browser.new_context(java_script_enabled=js, viewport=viewport)
    if not js:
        WITHOUT_JS.add(id(context))
    try:
        yield context.new_page()
    finally:
        WITHOUT_JS.discard(id(context))
        context.close()


@pytest.fixture
def audit(browser, axe_check):
    """audit(page, context=...): axe-core on the screen as the person sees it.

    Without JavaScript a page's timers never fire, so axe cannot finish there: the
    markup it was given is audited in a twin page, at the same address and size, that
    runs scripts (the same stylesheet applies, so contrast is measured too)."""
    twins: list[Page] = []

    def run(page: Page, *, context: str) -> None:
        if id(page.context) not in WITHOUT_JS:
            axe_check(page, context=context)
            return
        if not twins:
            twins.append(browser.new_context().new_page())
        twin = twins[0]
        twin.set_viewport_size(page.viewport_size)
        url, html = page.url, page.content()

        def serve(route) -> None:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

        twin.route(lambda address: address == url, serve)
        try:
            twin.goto(url)
        finally:
            twin.unroute_all()
        axe_check(twin, context=f"{context} (without JavaScript)")

    yield run
    for twin in twins:
        twin.context.close()


def answer_steps(page: Page, first: int, last: int, audit, **changes: object) -> None:
    """Answer steps `first` to `last`, auditing each screen; after the last, press on."""
    answers = {**ALL_CLEAR, **changes}
    for step in range(first, last + 1):
        answer_step(page, step, answers)
        audit(page, context=f"safety check step {step}")
        page.get_by_role("button", name="See my result" if step == TOTAL else "Next").click()


def questionnaire(page: Page) -> Locator:
    return page.locator("#questionnaire")


def expect_emergency_ended(page: Page) -> None:
    """The questions end at an emergency answer: one call button, the card, a way back."""
    region = questionnaire(page)
    expect(region.get_by_role("heading", name="Get emergency help now")).to_be_visible()
    expect(region.get_by_text(ENDED)).to_be_visible()
    call = region.locator("a[href^='tel:']").filter(has_text=re.compile(r"^Call"))
    expect(call).to_have_count(1)
    expect(call).to_have_attribute("href", "tel:999")
    expect(region.get_by_role("heading", name=CARD)).to_be_visible()
    expect(region.get_by_role("button", name="I answered this by mistake")).to_be_visible()
    expect(region.get_by_role("button", name="Next")).to_have_count(0)
    expect(region.get_by_role("radio")).to_have_count(0)


def start_questions(page: Page, base: str) -> None:
    page.goto(f"{base}/screening/")
    page.get_by_role("button", name="Start the questions").click()


def give_emergency_answer(page: Page, base: str, audit) -> None:
    """From the start page: step 1 clear, then new bladder trouble on step 2."""
    start_questions(page, base)
    answer_steps(page, 1, 1, audit)
    answer_steps(page, 2, 2, audit, bladder="yes")
    expect(page.get_by_text(f"Step 3 of {TOTAL}", exact=True)).to_be_visible()
    expect_emergency_ended(page)
    audit(page, context="questions ended by an emergency answer")


def expect_routine_closed(page: Page, base: str, audit) -> None:
    response = page.goto(f"{base}/routines/today/")
    assert response is not None and response.status == 403
    expect(page.get_by_text(CLOSED)).to_be_visible()
    expect(page.get_by_role("heading", name="Get emergency help now", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Today's routine")).to_have_count(0)
    expect(page.get_by_role("link", name="Answer the questions again")).to_have_count(0)
    audit(page, context="routine page closed by an emergency answer")


def has_result(username: str) -> bool:
    return Screening.objects.filter(user__username=username).exists()


# --- 1. An emergency answer holds ------------------------------------------------------------


@WITH_AND_WITHOUT_JS
def test_an_emergency_answer_holds_against_an_all_no_retake(
    browser, live_server, alice, screened, browser_login, audit, js
):
    """On a phone: the questions end at new bladder trouble; no new check is offered, and
    a start button left open in another tab is refused, so an all-"no" re-take cannot
    reopen the routine."""
    base = live_server.url
    with browser_page(browser, js=js, viewport=PHONE) as page:
        browser_login(page, "alice")
        # An older tab, opened while the clear result still stood, offers a new check.
        older = page.context.new_page()
        older.goto(f"{base}/screening/")
        expect(older.get_by_role("button", name="Start the questions")).to_be_visible()

        page.bring_to_front()
        give_emergency_answer(page, base, audit)
        region = questionnaire(page)
        expect(region.get_by_role("link", name="Call 999")).to_be_in_viewport()
        expect_routine_closed(page, base, audit)

        # Where the person stands: get help, record being seen, but no new questions.
        page.goto(f"{base}/screening/now/")
        expect(page.get_by_role("heading", name="Get emergency help now", level=1)).to_be_visible()
        call = page.locator("main a.button-call")
        expect(call).to_have_attribute("href", "tel:999")
        expect(call).to_be_in_viewport()
        expect(page.get_by_role("link", name="I have been seen: record it")).to_be_visible()
        expect(page.get_by_role("link", name="Answer the questions again")).to_have_count(0)
        audit(page, context="standing page while an emergency stands")

        page.goto(f"{base}/screening/")
        expect(page.get_by_role("button", name="Start the questions")).to_have_count(0)
        expect(page.get_by_role("link", name="Read what to do")).to_be_visible()
        audit(page, context="start page while an emergency stands")

        # The start button in the older tab posts to the start URL: refused.
        drafts = ScreeningDraft.objects.filter(user__username="alice").count()
        older.bring_to_front()
        older.get_by_role("button", name="Start the questions").click()
        expect(older).to_have_url(f"{base}/screening/now/")
        expect(older.get_by_text("You cannot answer the questions again yet")).to_be_visible()
        expect(older.get_by_role("radio")).to_have_count(0)
        audit(older, context="refused re-take")

        assert ScreeningDraft.objects.filter(user__username="alice").count() == drafts
        assert list(Screening.objects.filter(user__username="alice")) == [screened]
        expect_routine_closed(older, base, audit)


# --- 2. A mistaken tap is taken back --------------------------------------------------------


@WITH_AND_WITHOUT_JS
def test_a_mistaken_tap_is_taken_back_and_the_check_finishes_clear(
    browser, live_server, alice, browser_login, audit, js
):
    """New bladder trouble tapped on step 2, taken back with "I answered this by mistake":
    the question is asked again, and an all-"no" check ends clear with the routine open."""
    base = live_server.url
    with browser_page(browser, js=js, viewport=DESKTOP) as page:
        browser_login(page, "alice")
        give_emergency_answer(page, base, audit)

        page.get_by_role("button", name="I answered this by mistake").click()

        expect(page).to_have_url(re.compile(r"/screening/questions/[0-9a-f-]+/2/$"))
        expect(page.get_by_text(CLEARED)).to_be_visible()
        bladder = page.get_by_role("group", name=TOPICS[1].questions[0].text)
        expect(bladder.get_by_role("radio")).to_have_count(3)
        for radio in bladder.get_by_role("radio").all():
            expect(radio).not_to_be_checked()
        expect(page.get_by_role("heading", name="Get emergency help now")).to_have_count(0)
        expect(page.locator(".safety-banner")).to_have_count(0)
        audit(page, context="step 2 after a mistaken answer was cleared")

        answer_steps(page, 2, TOTAL, audit, bladder="no")

        expect(page).to_have_url(re.compile(r"/screening/result/\d+/$"))
        expect(page.get_by_role("heading", name="You can start")).to_be_visible()
        audit(page, context="clear result after a correction")
        assert Screening.objects.get(user__username="alice").answers["bladder"] == "no"

        page.get_by_role("link", name="Go to today's routine").click()
        expect(page).to_have_url(f"{base}/routines/today/")
        expect(page.get_by_role("heading", name="Today's routine")).to_be_visible()
        expect(page.locator(".safety-banner")).to_have_count(0)
        audit(page, context="routine open after a correction")


# --- 3. An older tab cannot overturn a newer answer -----------------------------------------


def test_a_stale_tab_cannot_finish_after_an_emergency_in_another(
    page, live_server, alice, browser_login, audit
):
    """Questions open in one tab; an emergency answer given in a second tab cancels them,
    so finishing the first is refused and stores no result."""
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    browser_login(page, "alice")
    start_questions(page, base)
    answer_steps(page, 1, TOTAL - 1, audit)
    expect(page.get_by_text(f"Step {TOTAL} of {TOTAL}", exact=True)).to_be_visible()

    newer = page.context.new_page()
    give_emergency_answer(newer, base, audit)

    # Back to the first tab: all "no", and the last step is pressed.
    page.bring_to_front()
    answer_steps(page, TOTAL, TOTAL, audit)

    expect(page).to_have_url(f"{base}/screening/")
    expect(page.get_by_text(STALE)).to_be_visible()
    expect(page.get_by_role("button", name="Start the questions")).to_have_count(0)
    audit(page, context="stale answers refused")
    assert not has_result("alice")
    expect_routine_closed(page, base, audit)

    page.goto(f"{base}/screening/history/")
    expect(page.get_by_role("heading", name="Your safety checks")).to_be_visible()
    expect(page.get_by_text("You have not done a safety check yet.")).to_be_visible()
    expect(page.get_by_role("link", name="Start the safety check")).to_have_count(0)
    audit(page, context="history after a refused stale check")


# --- 4. A record of being seen reopens the routine ---------------------------------------------


def test_recording_being_seen_reopens_the_routine(
    page, live_server, alice, screened, browser_login, audit
):
    """A clear result, then an emergency answer in a new check: once the person records
    that they were seen, the routine opens again and the warning card stays."""
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    browser_login(page, "alice")
    page.goto(f"{base}/screening/")
    expect(page.get_by_text("Your safety check is up to date")).to_be_visible()
    audit(page, context="start page with a clear result")

    give_emergency_answer(page, base, audit)
    expect_routine_closed(page, base, audit)

    page.goto(f"{base}/progress/")
    banner = page.locator(".safety-banner")
    banner.get_by_role("link", name="What to do now").click()
    expect(page).to_have_url(f"{base}/screening/now/")
    page.get_by_role("link", name="I have been seen: record it").click()
    expect(page.get_by_role("heading", name="Record that you have been seen")).to_be_visible()
    audit(page, context="record being seen")

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Please check the answers")
    audit(page, context="record being seen, with errors")

    page.get_by_role("group", name="Where were you seen?").get_by_label(
        "An emergency department (A&E)"
    ).check()
    page.get_by_label("When were you seen?").fill(timezone.localdate().isoformat())
    page.get_by_label("Who saw you? (optional)").fill("the A&E doctor")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(f"{base}/screening/now/")
    expect(page.get_by_text("Thank you. We have saved that you were seen.")).to_be_visible()
    expect(page.get_by_role("heading", name="You can start", exact=True)).to_be_visible()
    card = page.locator("#warning-card")
    expect(card.get_by_role("heading", name=CARD)).to_be_visible()
    expect(card.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    expect(page.locator(".safety-banner")).to_have_count(0)
    audit(page, context="standing after being seen")

    page.get_by_role("link", name="Go to today's routine").click()
    expect(page).to_have_url(f"{base}/routines/today/")
    expect(page.get_by_role("heading", name="Today's routine")).to_be_visible()
    audit(page, context="routine reopened")


# --- 5. The advice on every signed-in page ---------------------------------------------------


def test_every_signed_in_page_carries_the_advice_once_while_blocked(
    page, live_server, alice, browser_login, audit
):
    """On a phone, with an emergency answer standing: each page in the menu shows the
    advice with its call button exactly once, in the first screen."""
    base = live_server.url
    page.set_viewport_size(PHONE)
    browser_login(page, "alice")
    give_emergency_answer(page, base, audit)

    for link, closed in [
        ("Progress", False),
        ("Log pain", False),
        ("Stretches", True),
        ("Safety check", False),
        ("Account", False),
    ]:
        page.get_by_text("Menu", exact=True).click()
        with page.expect_navigation() as visit:
            page.get_by_role("navigation", name="Main").get_by_role(
                "link", name=link, exact=True
            ).click()
        assert visit.value.status == (403 if closed else 200), link
        # The advice sits in the banner, or, on a closed page, is the page itself.
        advice = page.locator(".safety-banner, main .screening-result")
        expect(advice, link).to_have_count(1)
        if closed:
            expect(page.get_by_text(CLOSED), link).to_be_visible()
        else:
            expect(page.locator(".safety-banner"), link).to_have_count(1)
        call = advice.locator("a[href^='tel:']")
        expect(call, link).to_have_count(1)
        expect(call, link).to_have_attribute("href", "tel:999")
        box = call.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (
            f"{link}: the call button is not in the first screen ({box})"
        )
        audit(page, context=f"{link} while an emergency stands")
