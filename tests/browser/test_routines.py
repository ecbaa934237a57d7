"""The library, a stretch page and Today in a real Chromium, with axe audits."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from routines.models import StageDecision
from tests.browser.test_screening import answer_everything, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def put_at_stage(user, stage: int) -> None:
    """As if the plan had moved the person up to `stage` two days ago."""
    day = timezone.localdate() - timedelta(days=2)
    StageDecision.objects.create(
        user=user, day=day, from_stage=stage - 1, to_stage=stage, action="advance", since=day
    )


def test_library_filter_and_stretch_page(
    page: Page, live_server, axe_check, alice, screened, browser_login
):
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/routines/")
    expect(page.get_by_role("heading", name="Stretches", exact=True)).to_be_visible()
    axe_check(page, context="library")

    page.get_by_label("Position").select_option("seated")
    expect(page.get_by_role("heading", name="2 stretches")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/routines/?position=seated&targets=")
    expect(page.get_by_role("link", name="Double knee-to-chest")).to_have_count(0)
    axe_check(page, context="library, filtered")

    page.get_by_role("link", name="Seated knee-to-chest").click()
    expect(page.get_by_role("heading", name="Seated knee-to-chest")).to_be_visible()
    expect(page.get_by_role("img", name="A person sitting tall on a chair")).to_be_visible()
    axe_check(page, context="stretch page")


def test_today_page_lists_the_plan_and_starts_a_session(
    page: Page, live_server, axe_check, alice, screened, browser_login
):
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/routines/today/")
    expect(page.get_by_role("heading", name="Today's routine")).to_be_visible()
    expect(page.get_by_text("Staying at stage 1")).to_be_visible()
    expect(page.get_by_role("link", name="Single knee-to-chest")).to_have_count(2)
    axe_check(page, context="today")

    page.get_by_role("link", name="Why this plan?").click()
    expect(page.get_by_role("heading", name="Why this plan?")).to_be_visible()
    axe_check(page, context="why")

    page.get_by_role("link", name="Back to today's routine").click()
    page.get_by_role(
        "button", name=re.compile(r"Start today's session \(about \d+ minutes?\)")
    ).click()
    expect(page).to_have_url(re.compile(r"/sessions/\d+/$"))


def test_leg_pain_below_the_knee_gives_a_plan_without_double_knee(
    page: Page, live_server, axe_check, django_user_model
):
    base = live_server.url
    sign_up(page, base, "omar")
    answer_everything(page, below_knee="yes")
    expect(page.get_by_role("heading", name="You can start, with some changes")).to_be_visible()
    # At stage 3 double knee and rocking would normally be in the plan.
    put_at_stage(django_user_model.objects.get(username="omar"), 3)

    page.goto(f"{base}/routines/today/")
    plan = page.get_by_role("list").filter(has_text="Short walk")
    expect(plan.get_by_role("link", name="Tailbone-down knee-to-chest")).to_have_count(2)
    expect(page.get_by_role("link", name="Double knee-to-chest", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Rocking double knee-to-chest")).to_have_count(0)
    expect(
        page.get_by_text("Your pain goes below the knee, so your plan leaves out")
    ).to_be_visible()
    axe_check(page, context="today with a flexion-sparing caution")


PHONE = {"width": 390, "height": 844}


def test_after_login_today_is_home_and_starts_in_one_tap(
    page: Page, live_server, axe_check, alice, screened, browser_login
):
    page.set_viewport_size(PHONE)
    browser_login(page, "alice")
    expect(page).to_have_url(f"{live_server.url}/routines/today/")
    start = page.get_by_role(
        "button", name=re.compile(r"Start today's session \(about 5 minutes\)")
    )
    expect(start).to_be_visible()
    box = start.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]  # within the first screen, no scrolling
    # Today's small tasks also begin on the first screen.
    assert (
        page.get_by_role("button", name="0 out of 10", exact=True).bounding_box()["y"]
        < PHONE["height"]
    )
    axe_check(page, context="Today (phone)")
    start.click()
    expect(page).to_have_url(re.compile(r"/sessions/\d+/$"))
    expect(page.get_by_role("heading", name="Pain check before you start")).to_be_visible()


def test_a_one_tap_morning_score_is_ticked_on_today(
    page: Page, live_server, axe_check, alice, screened, browser_login
):
    page.set_viewport_size(PHONE)
    browser_login(page, "alice")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="4 out of 10").click()
    expect(page.get_by_text("Pain logged today: 4 out of 10.")).to_be_visible()
    assert page.evaluate("window.notReloaded === true")  # refreshed in place, no reload
    expect(page).to_have_url(f"{live_server.url}/routines/today/")
    expect(page.get_by_role("button", name="4 out of 10")).to_have_count(0)
    axe_check(page, context="Today after a score (phone)")


def test_a_one_tap_score_without_javascript_comes_back_to_today(
    browser, live_server, alice, screened, browser_login
):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    browser_login(page, "alice")
    page.get_by_role("button", name="6 out of 10").click()
    expect(page).to_have_url(f"{live_server.url}/routines/today/")
    expect(page.get_by_text("Pain logged today: 6 out of 10.")).to_be_visible()
    context.close()


def test_choosing_twice_a_day_on_today(
    page: Page, live_server, axe_check, alice, screened, browser_login
):
    browser_login(page, "alice")
    page.get_by_label("Twice a day").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("of stretches and core work, 2 times a day")).to_be_visible()
    axe_check(page, context="Today, twice a day")
