"""A new person signs up, logs out and logs in again, in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_up(page, base: str, username: str) -> None:
    page.goto(f"{base}/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("Which country do you live in?").select_option("United Kingdom")
    page.get_by_label("Time zone").select_option("Europe/London")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()


def test_a_new_person_signs_up_logs_out_and_in_again(page, live_server, axe_check):
    base = live_server.url
    page.goto(f"{base}/")
    axe_check(page, context="home")
    page.get_by_role("link", name="Sign up").first.click()
    axe_check(page, context="sign-up")

    sign_up(page, base, "erin")
    # A new person meets the safety questions first.
    expect(page).to_have_url(re.compile(r"/screening/"))

    page.goto(f"{base}/accounts/profile/")
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    axe_check(page, context="profile")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()

    page.get_by_role("link", name="Log in").first.click()
    axe_check(page, context="login")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_a_bad_password_shows_a_message(page, live_server, axe_check):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("frank")
    page.get_by_label("Password", exact=True).fill("password")
    page.get_by_label("Password confirmation").fill("password")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("This password is too common.")).to_be_visible()
    axe_check(page, context="sign-up with errors")


def test_the_account_flow_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_up(page, live_server.url, "gina")
        expect(page).to_have_url(re.compile(r"/screening/"))
        page.goto(f"{live_server.url}/accounts/profile/")
        page.get_by_role("button", name="Log out").click()
        expect(page.get_by_role("link", name="Log in").first).to_be_visible()
        page.get_by_role("link", name="Log in").first.click()
        page.get_by_label("Username").fill("gina")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
    finally:
        context.close()


def test_sign_up_proposes_the_browsers_own_time_zone(browser, live_server):
    from config.models import Profile

    context = browser.new_context(timezone_id="America/Winnipeg")
    page = context.new_page()
    try:
        sign_up_keeping_zone(page, live_server.url, "hana")
        expect(page).to_have_url(re.compile(r"/screening/"))
        profile = Profile.objects.get(user__username="hana")
        assert (profile.time_zone, profile.country) == ("America/Winnipeg", "CA")
    finally:
        context.close()


def sign_up_keeping_zone(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/signup/")
    expect(page.get_by_label("Time zone")).to_have_value("America/Winnipeg")
    expect(page.get_by_label("Which country do you live in?")).to_have_value("CA")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()


def test_sign_up_proposes_the_country_of_the_browsers_time_zone(browser, live_server, axe_check):
    context = browser.new_context(timezone_id="Europe/London")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/signup/")
        country = page.get_by_label("Which country do you live in?")
        expect(country).to_have_value("GB")
        assert country.evaluate("s => s.selectedOptions[0].text") == "United Kingdom"
        axe_check(page, context="sign-up with a proposed country")
    finally:
        context.close()


def test_sign_up_keeps_the_country_the_person_chose(browser, live_server):
    from config.models import Profile

    context = browser.new_context(timezone_id="Europe/London")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/signup/")
        page.get_by_label("Username").fill("ivan")
        page.get_by_label("Which country do you live in?").select_option("Ireland")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_label("Password confirmation").fill("not-the-same-password")
        page.get_by_role("button", name="Sign up").click()
        # The form comes back with an error: the choice stands, not the proposal.
        expect(page.get_by_text("The two password fields didn")).to_be_visible()
        expect(page.get_by_label("Which country do you live in?")).to_have_value("IE")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_label("Password confirmation").fill(PASSWORD)
        page.get_by_role("button", name="Sign up").click()
        expect(page).to_have_url(re.compile(r"/screening/"))
        assert Profile.objects.get(user__username="ivan").country == "IE"
    finally:
        context.close()


SIZES = [{"width": 390, "height": 844}, {"width": 1280, "height": 800}]


@pytest.mark.parametrize("size", SIZES, ids=["phone", "desktop"])
def test_an_idle_session_ends_and_the_login_page_says_why(
    browser, live_server, browser_login, alice, settings, axe_check, size
):
    settings.SESSION_IDLE_SECONDS = 3
    context = browser.new_context(viewport=size)
    page = context.new_page()
    try:
        browser_login(page, "alice")
        # Busy within the timeout: still signed in.
        for _ in range(3):
            page.wait_for_timeout(1200)
            page.goto(f"{live_server.url}/accounts/profile/")
            expect(page.get_by_role("heading", name="Your account")).to_be_visible()
        page.wait_for_timeout(4500)
        page.reload()
        expect(page).to_have_url(re.compile(r"/accounts/login/\?ended=1"))
        expect(page.get_by_text("logged you out after a while without activity")).to_be_visible()
        axe_check(page, context="login after the idle timeout")
        # Logging in again leads back to the page the person asked for.
        page.get_by_label("Username").fill("alice")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES, ids=["phone", "desktop"])
def test_a_person_deletes_their_account(browser, live_server, axe_check, size):
    from django.contrib.auth import get_user_model

    context = browser.new_context(viewport=size)
    page = context.new_page()
    try:
        sign_up(page, live_server.url, "hana")
        page.goto(f"{live_server.url}/accounts/profile/")
        page.get_by_role("link", name="Delete your account").click()
        expect(page.get_by_role("heading", name="What is kept, and why")).to_be_visible()
        axe_check(page, context="delete account")
        page.get_by_label("Your password").fill("not-the-password")
        page.get_by_role("button", name="Delete my account").click()
        expect(page.get_by_text("That password is not right. Nothing was deleted.")).to_be_visible()
        axe_check(page, context="delete account, wrong password")
        assert get_user_model().objects.filter(username="hana").exists()

        page.get_by_label("Your password").fill(PASSWORD)
        page.get_by_role("button", name="Delete my account").click()
        expect(page.get_by_role("heading", name="Your account is deleted")).to_be_visible()
        axe_check(page, context="account deleted")
        assert not get_user_model().objects.filter(username="hana").exists()
        expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    finally:
        context.close()


def test_deleting_an_account_works_without_javascript(browser, live_server):
    from django.contrib.auth import get_user_model

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_up(page, live_server.url, "ines")
        page.goto(f"{live_server.url}/accounts/delete/")
        page.get_by_label("Your password").fill(PASSWORD)
        page.get_by_role("button", name="Delete my account").click()
        expect(page.get_by_role("heading", name="Your account is deleted")).to_be_visible()
        assert not get_user_model().objects.filter(username="ines").exists()
    finally:
        context.close()


def test_a_focused_field_keeps_its_help_readable(browser, live_server):
    """The focus ring (3 px, 3 px out) is drawn clear of the help line above the box:
    it used to cover the "_" in "Letters, digits and @ . + - _ only"."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")
    field = page.get_by_label("Username")
    field.focus()
    help_box = page.locator("#id_username_helptext").bounding_box()
    box = field.bounding_box()
    assert help_box is not None and box is not None
    assert help_box["y"] + help_box["height"] <= box["y"] - 6, (help_box, box)
    context.close()
