"""After an htmx swap, keyboard and screen-reader users land on the new content."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focus_moves_to_the_progress_headline_after_switching_period(
    page, live_server, alice, screened, browser_login
):
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/progress/")
    page.get_by_role("link", name="4 weeks").click()
    expect(page).to_have_url(f"{live_server.url}/progress/?period=4w")
    # The headline of the swapped region: the change in words, or how many days to go.
    heading = page.get_by_role("heading", name="Your first trend appears after a week")
    expect(heading).to_be_visible()
    expect(heading).to_be_focused()
