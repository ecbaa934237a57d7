"""Pain logging and progress in a real Chromium: quick log, htmx period switch, report, axe."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.tracking.builders import make_log, make_session
from tracking.models import PainLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def history(screened):
    """Alice, screened, with five weeks of morning logs and sessions."""
    alice = screened.user
    alice.date_joined = timezone.now() - timedelta(days=60)
    alice.save()
    now = timezone.now()
    for d in range(1, 36):
        make_log(alice, 6 if d > 28 else 3 + d % 2, at=now - timedelta(days=d, hours=1))
        make_session(alice, at=now - timedelta(days=d, hours=3), before=5, after=3)
    return alice


def test_log_morning_pain_from_the_home_page(page: Page, live_server, browser_login, history):
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/")
    page.evaluate("window.__notReloaded = true")
    quick = page.locator("#quick-log")
    group = quick.get_by_role("group", name="How is your back this morning?")
    group.get_by_label("4", exact=True).check()
    quick.get_by_role("button", name="Save morning pain").click()
    expect(page.get_by_text("Saved: morning pain 4 out of 10.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/progress/$"))
    assert page.evaluate("window.__notReloaded") is True  # htmx swapped the form in place
    entry = PainLog.objects.filter(user=history, kind="morning").latest("logged_at")
    assert entry.pain == 4
    assert timezone.now() - entry.logged_at < timedelta(minutes=1)


def test_switch_the_chart_period_with_htmx(
    page: Page, live_server, browser_login, history, axe_check
):
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/progress/")
    expect(page.get_by_role("heading", name="Pain over the last 6 weeks")).to_be_visible()
    axe_check(page, context="dashboard")
    page.evaluate("window.__notReloaded = true")
    nav = page.get_by_role("navigation", name="Chart period")
    nav.get_by_role("link", name="12 weeks").click()
    expect(page.get_by_role("heading", name="Pain over the last 12 weeks")).to_be_visible()
    expect(page).to_have_url(re.compile(r"period=12w"))
    assert page.evaluate("window.__notReloaded") is True  # htmx swapped the region only
    expect(nav.get_by_role("link", name="12 weeks")).to_have_attribute("aria-current", "page")
    expect(page.locator("svg.chart--trend desc")).to_contain_text("Morning pain fell from 6.0")
    axe_check(page, context="dashboard after switching period")


def test_the_log_page_passes_axe(page: Page, live_server, browser_login, history, axe_check):
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/log/")
    axe_check(page, context="log page")
    page.get_by_role("button", name="Save pain log").click()  # nothing chosen
    expect(page.get_by_text("Choose a number from 0 (no pain)")).to_be_visible()
    axe_check(page, context="log page with an error")


def test_open_the_printable_report(page: Page, live_server, browser_login, history, axe_check):
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/progress/")
    page.get_by_role("link", name="Open the report for your clinician").click()
    expect(page.get_by_role("heading", name="Back pain progress report")).to_be_visible()
    expect(page.get_by_text("a meaningful change").first).to_be_visible()
    expect(page.get_by_role("heading", name="Latest safety check")).to_be_visible()
    axe_check(page, context="report")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this report")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1  # one printed page


def test_weekly_check_in_and_share_pages_pass_axe(
    page: Page, live_server, browser_login, history, axe_check
):
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/log/weekly/")
    axe_check(page, context="weekly check-in")
    page.goto(f"{live_server.url}/progress/shares/")
    page.get_by_role("button", name="Create a share link").click()
    expect(page.get_by_label("Link to your report")).to_have_value(re.compile(r"/shared/"))
    axe_check(page, context="share links")
    shared = page.get_by_label("Link to your report").input_value()
    page.goto(shared)
    expect(page.get_by_role("heading", name="Back pain progress report")).to_be_visible()
    axe_check(page, context="shared report")


@pytest.mark.parametrize("path", ["/progress/", "/log/", "/progress/shares/", "/progress/report/"])
def test_a_phone_never_scrolls_sideways(page: Page, live_server, browser_login, history, path):
    """Tables with a row of actions used to push the page past a 390 px screen."""
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/progress/shares/")
    page.get_by_role("button", name="Create a share link").click()
    page.goto(f"{live_server.url}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_chart_labels_stay_readable_on_a_phone(page: Page, live_server, browser_login, history):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/progress/")
    label = page.locator(".chart--trend .chart-axis--x text").first
    box = label.bounding_box()
    assert box is not None and box["height"] >= 9, box
