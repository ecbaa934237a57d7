"""After an htmx swap, keyboard and screen-reader users land on the new content."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focus_moves_to_the_chart_heading_after_switching_period(
    page, live_server, alice, screened, browser_login
):
    browser_login(page, "alice")
    page.goto(f"{live_server.url}/progress/")
    page.get_by_role("link", name="4 weeks").click()
    heading = page.get_by_role("heading", name="Pain over the last 4 weeks")
    expect(heading).to_be_visible()
    expect(heading).to_be_focused()
