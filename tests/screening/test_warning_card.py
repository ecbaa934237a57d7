"""The cauda equina warning card that everyone gets, with their own emergency
number: on Today, on every session summary and folded in the page footer."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.tracking.session_builders import finished_session, install_fake_today, url

pytestmark = pytest.mark.django_db

FALLBACK_WORDS = "or your local emergency number"


def card(html: str, card_id: str = "warning-card") -> str:
    """The card's own markup, so that a number elsewhere on the page cannot pass."""
    found = re.search(
        rf'<section class="card warning-card" id="{card_id}".*?</section>', html, re.S
    )
    assert found, f"no warning card #{card_id} on the page"
    return found.group(0)


def footer(html: str) -> str:
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


@pytest.fixture
def person(client, make_user, make_screening):
    """A signed-in, screened person living in `country` ("" = not told us)."""

    def build(country: str):
        user = make_user("dan", country=country)
        make_screening(user)
        client.force_login(user)
        return user

    return build


@pytest.mark.parametrize(("country", "number"), [("GB", "999"), ("US", "911"), ("AU", "000")])
def test_it_shows_the_card_with_the_persons_own_number_on_today(client, person, country, number):
    person(country)
    shown = card(client.get(reverse("tracking:today")).content.decode())
    assert f'Call <a href="tel:{number}">{number}</a>' in shown
    assert FALLBACK_WORDS not in shown


def test_it_shows_the_fallback_number_and_words_on_today_when_the_country_is_unknown(
    client, person
):
    person("")
    shown = card(client.get(reverse("tracking:today")).content.decode())
    assert f'Call <a href="tel:112">112</a> {FALLBACK_WORDS}' in shown


def test_it_shows_the_signs_and_what_to_say_on_today(client, person):
    person("GB")
    shown = card(client.get(reverse("tracking:today")).content.decode())
    assert "Get emergency help at once if you notice:" in shown
    for sign in ("peeing", "bowels", "bottom or genitals", "sex", "both legs"):
        assert sign in shown
    assert "or go to the nearest emergency department (A&amp;E)." in shown
    assert "I&rsquo;m worried I may have cauda equina syndrome." in shown


def test_it_says_where_to_go_as_people_in_the_persons_country_say_it(client, person):
    person("US")
    shown = card(client.get(reverse("tracking:today")).content.decode())
    assert "or go to the nearest emergency room (ER)." in shown
    assert "A&amp;E" not in shown


def test_it_puts_the_card_after_the_start_button_on_today(client, person):
    person("GB")
    content = client.get(reverse("tracking:today")).content.decode()
    assert content.index("Start today's session (about") < content.index('id="warning-card"')


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("GB", 'Call <a href="tel:999">999</a>,'),
        ("US", 'Call <a href="tel:911">911</a>,'),
        ("", f'Call <a href="tel:112">112</a> {FALLBACK_WORDS},'),
    ],
)
def test_it_shows_the_card_with_the_persons_own_number_on_a_session_summary(
    client, person, monkeypatch, country, expected
):
    install_fake_today(monkeypatch)
    user = person(country)
    session = finished_session(user, started_at=timezone.now() - timedelta(hours=1))
    content = client.get(url(session)).content.decode()
    assert "Your session summary" in content
    assert expected in card(content)


def test_it_shows_the_card_on_a_session_summary_fragment_too(client, person, monkeypatch):
    install_fake_today(monkeypatch)
    user = person("US")
    session = finished_session(user, started_at=timezone.now() - timedelta(hours=1))
    content = client.get(url(session), HTTP_HX_REQUEST="true").content.decode()
    assert "<footer" not in content
    assert 'href="tel:911"' in card(content)


def test_the_footer_gives_a_person_only_their_own_number(client, person):
    person("GB")
    shown = footer(client.get(reverse("profile")).content.decode())
    assert 'href="tel:999"' in card(shown, "footer-warning")
    for other in ("112", "911"):
        assert other not in shown


def test_the_footer_gives_a_visitor_the_fallback(client):
    shown = footer(client.get(reverse("home")).content.decode())
    assert f'Call <a href="tel:112">112</a> {FALLBACK_WORDS}' in card(shown, "footer-warning")
    assert "999" not in shown and "911" not in shown


def test_the_footer_folds_the_card_away(client):
    shown = footer(client.get(reverse("login")).content.decode())
    assert '<details class="footer-warning">' in shown
    assert "<summary>Signs that need emergency help</summary>" in shown
