"""Reminders in a real Chromium: choosing times, email on, a calendar link; on a phone
and a desktop, light and dark, with and without JavaScript, checked with axe."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@contextmanager
def new_page(browser: Browser, **options) -> Iterator[Page]:
    context = browser.new_context(**options)
    try:
        yield context.new_page()
    finally:
        context.close()


def fits_the_width(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_person_sets_reminders_and_subscribes_on_a_phone(
    browser, live_server, browser_login, alice, screened, axe_check, js, scheme, mailoutbox
):
    options = {"viewport": PHONE, "java_script_enabled": js, "color_scheme": scheme}
    with new_page(browser, **options) as page:
        browser_login(page, "alice")
        page.goto(f"{live_server.url}/accounts/profile/")
        page.get_by_role("link", name="Add your routine to your calendar").click()
        expect(page.get_by_role("heading", name="Reminders", level=1)).to_be_visible()
        if js:
            axe_check(page, context=f"reminders, phone, {scheme}")
        assert fits_the_width(page)

        page.get_by_label("Morning log").fill("07:15")
        page.get_by_label("Stretch session", exact=True).fill("09:30")
        page.get_by_label("Second stretch session (optional)").fill("")
        page.get_by_label("Also send me an email at these times").check()
        page.get_by_role("button", name="Save reminders").click()
        expect(page.get_by_text("Your reminder times are saved.")).to_be_visible()
        expect(page.get_by_label("Morning log")).to_have_value("07:15")
        # Her address waits to be confirmed: a second link, from a button that sits in
        # the message but belongs to a form of its own (no script needed).
        assert [m.to for m in mailoutbox] == [["alice@example.com"]]
        with page.expect_navigation():
            page.get_by_role("button", name="Send the link again").click()
        expect(page.get_by_text("We sent a link to alice@example.com.")).to_be_visible()
        assert [m.to for m in mailoutbox] == [["alice@example.com"]] * 2
        expect(page.get_by_label("Morning log")).to_have_value("07:15")

        page.get_by_role("button", name="Make a calendar link").click()
        link = page.get_by_label("Calendar link")
        expect(link).to_be_visible()
        # Shown once, so shown where the person is: in the first screen, with focus on it.
        expect(link).to_be_focused()
        expect(link).to_be_in_viewport(ratio=1)
        if js:
            axe_check(page, context=f"reminders with a new link, phone, {scheme}")
        assert fits_the_width(page)
        feed_url = link.input_value()
        assert feed_url.endswith(".ics") and "\n" not in feed_url
        subscribe = page.get_by_role("link", name="Open it in your calendar app")
        assert subscribe.get_attribute("href") == "webcal:" + feed_url.split(":", 1)[1]
        copy = page.get_by_role("button", name="Copy the link")
        if js:
            page.context.grant_permissions(["clipboard-read", "clipboard-write"])
            copy.click()
            expect(page.get_by_role("button", name="Copied")).to_be_visible()
            assert page.evaluate("navigator.clipboard.readText()") == feed_url
        else:
            expect(copy).to_be_hidden()
        feed = page.request.get(feed_url)
        assert feed.status == 200
        assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
        body = feed.text()
        assert body.count("BEGIN:VEVENT") == 2
        assert "SUMMARY:Limber: stretch session" in body

        page.get_by_role("button", name="Switch off the calendar link").click()
        expect(page.get_by_text("The calendar link is switched off.")).to_be_visible()
        assert page.request.get(feed_url).status == 404


def test_an_invalid_address_shows_a_message_on_a_desktop(
    browser, live_server, browser_login, alice, axe_check
):
    with new_page(browser, viewport=DESKTOP, color_scheme="dark") as page:
        browser_login(page, "alice")
        page.goto(f"{live_server.url}/reminders/")
        page.get_by_label("Also send me an email at these times").check()
        page.get_by_label("Email address").fill("not an address")
        page.get_by_role("button", name="Save reminders").click()
        expect(page.get_by_text("Enter an email address like name@example.com.")).to_be_visible()
        axe_check(page, context="reminders with an error, desktop, dark")


def test_the_unsubscribe_page_passes_axe_on_a_phone(browser, live_server, alice, axe_check):
    from datetime import UTC, date, datetime, time

    from tracking.models import ReminderSent, ReminderSettings
    from tracking.reminders import Due, Reminder

    ReminderSettings.objects.create(
        user=alice,
        morning_log=time(7),
        email_on=True,
        email="alice@example.com",
        confirmed_email="alice@example.com",
    )
    moment = datetime(2026, 11, 29, 7, tzinfo=UTC)
    _, token = ReminderSent.claim(
        alice, Due(Reminder.MORNING_LOG, date(2026, 11, 29), moment), moment
    )
    with new_page(browser, viewport=PHONE) as page:
        page.goto(f"{live_server.url}/reminders/stop/{token}/")
        axe_check(page, context="unsubscribe, phone")
        page.get_by_role("button", name="Stop email reminders").click()
        expect(page.get_by_role("heading", name="Email reminders stopped")).to_be_visible()
        axe_check(page, context="unsubscribed, phone")
    assert ReminderSettings.objects.get(user=alice).email_on is False
