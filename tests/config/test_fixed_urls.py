"""{% fixed_url %}, {% fixed_static %} and fixed_url_with: the answers of {% url %},
{% static %} and reverse(), worked out once, for the script prefix of the request
and the settings of the day."""

import re

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse, set_script_prefix

from config.fixed_urls import fixed_url_with

NAMES = ["home", "tracking:dashboard", "tracking:log", "routines:library", "service-worker"]


def render(text: str) -> str:
    return Template("{% load static fixed_urls %}" + text).render(Context())


@pytest.fixture(autouse=True)
def root_prefix():
    yield
    set_script_prefix("/")


@pytest.mark.parametrize("name", NAMES)
def test_a_named_page_is_where_url_puts_it(name) -> None:
    assert render(f"{{% fixed_url '{name}' %}}") == render(f"{{% url '{name}' %}}")


def test_the_pages_have_their_own_paths() -> None:
    assert render("{% fixed_url 'tracking:dashboard' %}|{% fixed_url 'tracking:log' %}") == (
        "/progress/|/log/"
    )


def test_a_file_is_where_static_puts_it() -> None:
    assert render("{% fixed_static 'css/app.css' %}") == render("{% static 'css/app.css' %}")
    assert render("{% fixed_static 'css/app.css' %}").endswith(".css")


def test_a_site_served_below_a_prefix_links_below_it() -> None:
    assert render("{% fixed_url 'tracking:log' %}") == "/log/"
    set_script_prefix("/limber/")
    assert render("{% fixed_url 'tracking:log' %}") == "/limber/log/"
    set_script_prefix("/")
    assert render("{% fixed_url 'tracking:log' %}") == "/log/"


def test_a_change_of_static_url_is_followed() -> None:
    before = render("{% fixed_static 'css/app.css' %}")
    with override_settings(STATIC_URL="https://cdn.example/assets/"):
        moved = render("{% fixed_static 'css/app.css' %}")
        assert moved == render("{% static 'css/app.css' %}")
        assert moved.startswith("https://cdn.example/assets/")
    assert render("{% fixed_static 'css/app.css' %}") == before


def test_every_full_page_uses_them_for_its_fixed_links() -> None:
    from pathlib import Path

    base = (Path(__file__).resolve().parents[2] / "templates" / "base.html").read_text()
    assert not re.findall(r"\{% (?:url|static) '[^' ]+' %\}", base)
    assert len(re.findall(r"\{% fixed_(?:url|static) '", base)) >= 15


@pytest.mark.parametrize("number", [1, 7, 98, 12345, 9_876_543_211])
def test_an_address_with_a_number_is_where_reverse_puts_it(number) -> None:
    assert fixed_url_with("tracking:session", number) == reverse("tracking:session", args=[number])
    assert fixed_url_with("tracking:session", number) == f"/sessions/{number}/"


def test_an_address_with_a_number_follows_the_prefix() -> None:
    set_script_prefix("/limber/")
    assert fixed_url_with("tracking:session", 42) == "/limber/sessions/42/"
    set_script_prefix("/")
    assert fixed_url_with("tracking:session", 42) == "/sessions/42/"
