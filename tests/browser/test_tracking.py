"""Pain logging and progress in a real Chromium: quick log, htmx period switch, report, axe."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from config.time_zones import local_day
from tests.conftest import PASSWORD
from tests.tracking.builders import make_log, make_session
from tracking.management.commands import seed_demo
from tracking.models import PainLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def joined_two_months_ago(screened):
    alice = screened.user
    alice.date_joined = timezone.now() - timedelta(days=60)
    alice.save()
    return alice


@pytest.fixture
def history(screened):
    """Alice, screened, with five weeks of morning logs and sessions."""
    alice = joined_two_months_ago(screened)
    now = timezone.now()
    for d in range(1, 36):
        make_log(alice, 6 if d > 28 else 3 + d % 2, at=now - timedelta(days=d, hours=1))
        make_session(alice, at=now - timedelta(days=d, hours=3), before=5, after=3)
    return alice


def test_a_write_elsewhere_on_the_page_refreshes_the_trend_without_reload(
    page: Page, live_server, browser_login, history
):
    """The trend region listens for "pain-logged": an htmx write anywhere refreshes it."""
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/progress/?period=4w")
    page.evaluate("window.__notReloaded = true")
    today = timezone.localdate()
    row = f"{today:%a} {today.day} {today:%b %Y}9.0"
    expect(page.locator("#trend-region")).not_to_contain_text(row)
    make_log(history, 9)  # stored by another tab, say
    page.evaluate("htmx.trigger(document.body, 'pain-logged')")
    expect(page.locator("#trend-region")).to_contain_text(row)
    assert page.evaluate("window.__notReloaded") is True


def test_switch_the_chart_period_with_htmx(
    page: Page, live_server, browser_login, history, axe_check
):
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/progress/")
    expect(page.locator(".progress-headline")).to_contain_text("Morning pain is down")
    axe_check(page, context="dashboard")
    page.evaluate("window.__notReloaded = true")
    nav = page.get_by_role("navigation", name="Chart period")
    nav.get_by_role("link", name="12 weeks").click()
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
    page.get_by_role("link", name="Report for your clinician").click()
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


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@contextmanager
def signed_in(browser: Browser, base: str, **options) -> Iterator[Page]:
    """Alice, logged in through the form, in a browser context of her own."""
    context = browser.new_context(**options)
    page = context.new_page()
    try:
        page.goto(f"{base}/accounts/login/")
        page.get_by_label("Username").fill("alice")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
        yield page
    finally:
        context.close()


@pytest.fixture
def demo(screened):
    """Alice with the demo account's six weeks of history (manage.py seed_demo)."""
    alice = joined_two_months_ago(screened)
    now = timezone.now()
    zone = timezone.get_default_timezone()
    seed_demo.seed_history(alice, today=local_day(now, zone), now=now, zone=zone)
    return alice


STROKE = "e => getComputedStyle(e).stroke"


def luminance(css: str) -> float:
    """The relative luminance (WCAG) of an "rgb(r, g, b)" colour."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", css)[:3]]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_progress_reads_at_a_glance_on_a_phone(browser, live_server, demo, axe_check, scheme: str):
    with signed_in(browser, live_server.url, viewport=PHONE, color_scheme=scheme) as page:
        page.goto(f"{live_server.url}/progress/")
        headline = page.locator(".progress-headline")
        expect(headline).to_contain_text("since you started")
        box = headline.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
        chart = page.locator("svg.chart--trend").bounding_box()
        assert chart is not None and chart["width"] >= 350 and chart["height"] >= 200, chart
        periods = page.get_by_role("navigation", name="Chart period").bounding_box()
        # The period switch comes right under the chart, on the first screen.
        assert periods is not None and 0 < periods["y"] - (chart["y"] + chart["height"]) < 120
        sizes = page.eval_on_selector_all(
            ".chart--trend text", "els => els.map(e => e.getBoundingClientRect().height)"
        )
        # A 12-unit label drawn at 12 px or more: its box is at least about 13 px high.
        assert sizes and min(sizes) >= 13, sizes
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= 2.5 * PHONE["height"], height
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        background = page.eval_on_selector(
            ".chart-figure", "e => getComputedStyle(e).backgroundColor"
        )
        dark = background != "rgb(255, 255, 255)"
        assert dark is (scheme == "dark"), background
        # The 7-day average and the dashed baseline are told apart by more than the dash.
        rolling, baseline = (
            luminance(page.eval_on_selector(f".chart--trend .{line}", STROKE))
            for line in ("chart-rolling", "chart-baseline")
        )
        assert (max(rolling, baseline) + 0.05) / (min(rolling, baseline) + 0.05) >= 2
        axe_check(page, context=f"progress on a phone, {scheme}")
        page.get_by_role("link", name="Show sessions and check-ins").click()
        expect(page.locator(".chart--trend .chart-pair-after")).to_have_count(1)
        axe_check(page, context=f"progress with sessions on a phone, {scheme}")


# The drawn open/closed mark of a summary: its size and its turn, closed then open.
SUMMARY_MARK = """summary => {
  const mark = () => getComputedStyle(summary, "::before");
  const closed = [mark().content, mark().width, mark().transform];
  summary.parentElement.open = true;
  const opened = mark().transform;
  summary.parentElement.open = false;
  return [...closed, opened];
}"""


def test_every_fold_on_progress_shows_it_opens(browser, live_server, demo):
    """Flex summaries lose the browser's arrow: "Signs that need emergency help" read as text."""
    with signed_in(browser, live_server.url, viewport=PHONE) as page:
        page.goto(f"{live_server.url}/progress/")
        for name in (
            "What counts as meaningful?",
            "Show the numbers as a table",
            "Signs that need emergency help",
        ):
            summary = page.locator("summary", has_text=name)
            content, width, closed, opened = summary.evaluate(SUMMARY_MARK)
            assert content != "none" and float(width.removesuffix("px")) >= 6, (name, width)
            assert closed != opened, (name, closed)


def test_the_strip_legend_has_no_stray_rules(browser, live_server, demo):
    """The facts list's dividing lines belong to its own items, not to a legend inside one."""
    with signed_in(browser, live_server.url, viewport=PHONE) as page:
        page.goto(f"{live_server.url}/progress/")
        rules = page.eval_on_selector_all(
            ".progress-facts .chart-legend li",
            "els => els.map(e => getComputedStyle(e).borderTopWidth)",
        )
        assert rules and set(rules) == {"0px"}, rules


# How many lines the headline's "38 %" takes (0: no percentage in the headline).
PERCENT_LINES = """() => {
  const walker = document.createTreeWalker(
    document.querySelector(".progress-headline"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const found = /\\d+\\s%/.exec(node.data);
    if (!found) continue;
    const range = document.createRange();
    range.setStart(node, found.index);
    range.setEnd(node, found.index + found[0].length);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  }
  return 0;
}"""


def test_the_headline_keeps_a_percentage_on_one_line_at_any_phone_width(browser, live_server, demo):
    """ "40" at the end of one line and "%" at the start of the next, at 390 px."""
    with signed_in(browser, live_server.url, viewport=PHONE) as page:
        page.goto(f"{live_server.url}/progress/")
        split = []
        for width in range(300, 481, 2):
            page.set_viewport_size({"width": width, "height": PHONE["height"]})
            lines = page.evaluate(PERCENT_LINES)
            assert lines, "the headline shows no percentage"
            if lines > 1:
                split.append(width)
        assert not split, split


def test_progress_on_a_desktop_in_dark_mode(browser, live_server, demo, axe_check):
    with signed_in(browser, live_server.url, viewport=DESKTOP, color_scheme="dark") as page:
        page.goto(f"{live_server.url}/progress/")
        headline = page.locator(".progress-headline").bounding_box()
        assert headline is not None and headline["y"] + headline["height"] <= DESKTOP["height"]
        # The chart stops growing with the window: its labels stay near text size,
        # and the period switch follows it on the first screen.
        sizes = page.eval_on_selector_all(
            ".chart--trend text", "els => els.map(e => e.getBoundingClientRect().height)"
        )
        assert sizes and min(sizes) >= 13 and max(sizes) <= 25, sizes
        chart = page.locator("svg.chart--trend").bounding_box()
        assert chart is not None and chart["height"] <= 0.5 * DESKTOP["height"], chart
        periods = page.get_by_role("navigation", name="Chart period").bounding_box()
        assert periods is not None and 0 < periods["y"] - (chart["y"] + chart["height"]) < 120
        axe_check(page, context="progress on a desktop, dark")


def test_delete_a_log_and_undo_it(page: Page, live_server, browser_login, history, axe_check):
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/log/")
    before = PainLog.objects.filter(user=history).count()
    page.get_by_role("link", name=re.compile("^Delete")).first.click()
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    assert PainLog.objects.filter(user=history).count() == before - 1
    page.wait_for_timeout(10_500)  # still there after 10 seconds
    axe_check(page, context="log page with an undo")
    page.evaluate("window.notReloaded = true")
    undo.click()
    expect(page.get_by_text("The log is back.")).to_be_visible()
    assert PainLog.objects.filter(user=history).count() == before
    # Back in its row, with the focus on it: the page was not reloaded to its top.
    assert page.evaluate("window.notReloaded === true")
    expect(page.locator("#history tbody tr").first.locator("th")).to_be_focused()


def test_delete_a_log_without_javascript(browser, live_server, history):
    with signed_in(browser, live_server.url, java_script_enabled=False) as page:
        page.goto(f"{live_server.url}/log/")
        before = PainLog.objects.filter(user=history).count()
        page.get_by_role("link", name=re.compile("^Delete")).first.click()
        expect(page.get_by_role("heading", name="Delete this pain log?")).to_be_visible()
        page.get_by_role("button", name="Delete this log").click()
        expect(page.get_by_text("The log is deleted.")).to_be_visible()
        assert PainLog.objects.filter(user=history).count() == before - 1
        page.get_by_role("button", name="Undo").click()
        expect(page.get_by_text("The log is back.")).to_be_visible()
        assert PainLog.objects.filter(user=history).count() == before


@pytest.mark.parametrize("period", ["4w", "6w", "all"])
def test_the_numbers_table_fits_a_phone(browser, live_server, demo, period: str):
    """The week-by-week table once pushed a 390 px page 24 px sideways."""
    with signed_in(browser, live_server.url, viewport=PHONE) as page:
        page.goto(f"{live_server.url}/progress/?period={period}")
        page.get_by_text("Show the numbers as a table").click()
        expect(page.locator(".chart-data tbody tr").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # No heading spills out of its column ("Sessions: before → after (average)" did).
        spilled = page.eval_on_selector_all(
            ".chart-data th",
            "els => els.filter(e => e.scrollWidth > e.clientWidth).map(e => e.textContent)",
        )
        assert spilled == []
