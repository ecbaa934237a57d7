"""The site navigation on a phone and on a laptop."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_a_phone_the_links_fold_into_a_menu(
    page, live_server, alice, screened, browser_login, axe_check
):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/progress/")
    today = page.get_by_role("link", name="Today", exact=True)
    expect(today).to_be_hidden()
    # The header stays short, so the page itself starts near the top.
    assert page.locator(".site-header").bounding_box()["height"] < 90
    page.get_by_text("Menu", exact=True).click()
    expect(today).to_be_visible()
    axe_check(page, context="phone menu open")
    today.click()
    expect(page.get_by_role("heading", name="Today's routine")).to_be_visible()


def test_on_a_laptop_the_links_sit_in_a_row(page, live_server, alice, screened, browser_login):
    page.set_viewport_size({"width": 1280, "height": 800})
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/progress/")
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
    expect(page.get_by_role("link", name="Today", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_the_menu_marks_this_page_and_closes_with_escape(
    page, live_server, alice, screened, browser_login
):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/progress/")
    page.get_by_text("Menu", exact=True).click()
    progress = page.get_by_role("link", name="Progress", exact=True)
    expect(progress).to_have_attribute("aria-current", "page")
    assert page.locator(".nav-links [aria-current]").count() == 1
    page.keyboard.press("Escape")
    expect(progress).to_be_hidden()
    expect(page.locator(".nav-menu summary")).to_be_focused()
