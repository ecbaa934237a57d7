"""The emergency and urgent numbers by country (no database).

Every number here is written out as a literal: a wrong digit in the table
must fail a test, never be read back from the table itself.
"""

from __future__ import annotations

import dataclasses

import pytest

from screening.countries import (
    CHOICES,
    COUNTRIES,
    FALLBACK,
    Country,
    country_for,
    country_for_zone,
)

# code: (emergency, urgent_number)
NUMBERS = {
    "GB": ("999", "111"),
    "IE": ("112", ""),
    "DE": ("112", "116117"),
    "FR": ("112", ""),
    "ES": ("112", ""),
    "IT": ("112", ""),
    "NL": ("112", ""),
    "BE": ("112", ""),
    "PT": ("112", "808 24 24 24"),
    "AT": ("112", "1450"),
    "SE": ("112", "1177"),
    "DK": ("112", ""),
    "FI": ("112", "116117"),
    "PL": ("112", ""),
    "US": ("911", ""),
    "CA": ("911", ""),
    "AU": ("000", "1800 022 222"),
    "NZ": ("111", "0800 611 116"),
}


def test_the_table_holds_exactly_these_countries_and_numbers():
    assert {c.code: (c.emergency, c.urgent_number) for c in COUNTRIES} == NUMBERS


@pytest.mark.parametrize(
    ("code", "urgent"),
    [
        ("GB", "NHS 111 or your GP today"),
        ("IE", "your GP today, or the GP out-of-hours service"),
        ("DE", "the on-call doctor service on 116117, or your doctor today"),
        ("FR", "your doctor today, or an urgent care centre"),
        ("US", "your doctor today, or an urgent care centre"),
        ("CA", "your doctor today, or an urgent care centre"),
        ("AU", "your GP today, or call healthdirect on 1800 022 222"),
        ("NZ", "your GP today, or Healthline on 0800 611 116"),
        ("", "your doctor today, or an urgent care centre"),
    ],
)
def test_the_urgent_route_in_words(code, urgent):
    assert country_for(code).urgent == urgent


@pytest.mark.parametrize(
    ("code", "hospital"),
    [
        ("GB", "emergency department (A&E)"),
        ("IE", "emergency department (A&E)"),
        ("US", "emergency room (ER)"),
        ("CA", "emergency department"),
        ("AU", "emergency department"),
        ("NZ", "emergency department"),
        ("FR", "emergency department"),
        ("", "emergency department"),
    ],
)
def test_where_to_go_is_said_as_people_there_say_it(code, hospital):
    # "A&E" means nothing to most people outside the UK and Ireland.
    assert country_for(code).hospital == hospital


def test_an_urgent_number_is_said_in_the_words_too():
    # "Call 1177" beside "Contact your doctor today" would contradict itself.
    for country in COUNTRIES:
        assert country.urgent_number in country.urgent


def test_the_fallback_does_not_pretend_to_know_the_country():
    expected = Country(
        code="",
        name="Another country",
        emergency="112",
        urgent="your doctor today, or an urgent care centre",
        urgent_number="",
        time_zones=(),
        source=FALLBACK.source,
        hospital="emergency department",
    )
    assert expected == FALLBACK


def test_every_row_has_a_name_and_a_one_line_source():
    for country in (*COUNTRIES, FALLBACK):
        assert country.name and country.source and "\n" not in country.source


def test_a_country_cannot_be_changed_after_it_is_made():
    with pytest.raises(dataclasses.FrozenInstanceError):
        FALLBACK.emergency = "999"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("code", "name", "emergency"),
    [
        ("GB", "United Kingdom", "999"),
        ("IE", "Ireland", "112"),
        ("US", "United States", "911"),
        ("NZ", "New Zealand", "111"),
        ("AU", "Australia", "000"),
    ],
)
def test_it_finds_a_country_by_its_code(code, name, emergency):
    country = country_for(code)
    assert (country.code, country.name, country.emergency) == (code, name, emergency)


@pytest.mark.parametrize("code", ["", "XX", "gb", "GBR", " GB", "zz"])
def test_an_unknown_or_empty_code_gets_the_fallback(code):
    assert country_for(code) is FALLBACK


@pytest.mark.parametrize(
    ("zone", "code"),
    [
        ("Europe/London", "GB"),
        ("Europe/Dublin", "IE"),
        ("Europe/Berlin", "DE"),
        ("Europe/Paris", "FR"),
        ("Atlantic/Canary", "ES"),
        ("Europe/Rome", "IT"),
        ("Europe/Amsterdam", "NL"),
        ("Europe/Brussels", "BE"),
        ("Atlantic/Azores", "PT"),
        ("Europe/Vienna", "AT"),
        ("Europe/Stockholm", "SE"),
        ("Europe/Copenhagen", "DK"),
        ("Europe/Helsinki", "FI"),
        ("Europe/Warsaw", "PL"),
        ("America/New_York", "US"),
        ("America/Chicago", "US"),
        ("America/Denver", "US"),
        ("America/Phoenix", "US"),
        ("America/Los_Angeles", "US"),
        ("America/Anchorage", "US"),
        ("Pacific/Honolulu", "US"),
        ("America/Indianapolis", "US"),
        ("America/Toronto", "CA"),
        ("America/Winnipeg", "CA"),
        ("America/Vancouver", "CA"),
        ("America/St_Johns", "CA"),
        ("Australia/Sydney", "AU"),
        ("Australia/Perth", "AU"),
        ("Australia/Darwin", "AU"),
        ("Pacific/Auckland", "NZ"),
        ("Pacific/Chatham", "NZ"),
    ],
)
def test_it_proposes_a_country_from_a_time_zone(zone, code):
    country = country_for_zone(zone)
    assert country is not None and country.code == code


@pytest.mark.parametrize("zone", ["", "UTC", "Asia/Tokyo", "Europe/Zurich", "Mars/Olympus"])
def test_an_unknown_zone_proposes_nothing(zone):
    assert country_for_zone(zone) is None


def test_no_two_countries_share_a_zone():
    zones = [zone for country in COUNTRIES for zone in country.time_zones]
    assert len(zones) == len(set(zones))


def test_every_country_has_a_zone_and_codes_are_unique():
    assert all(country.time_zones for country in COUNTRIES)
    codes = [country.code for country in COUNTRIES]
    assert len(codes) == len(set(codes))


def test_the_choices_are_sorted_by_name_with_another_country_last():
    assert CHOICES == (
        ("AU", "Australia"),
        ("AT", "Austria"),
        ("BE", "Belgium"),
        ("CA", "Canada"),
        ("DK", "Denmark"),
        ("FI", "Finland"),
        ("FR", "France"),
        ("DE", "Germany"),
        ("IE", "Ireland"),
        ("IT", "Italy"),
        ("NL", "Netherlands"),
        ("NZ", "New Zealand"),
        ("PL", "Poland"),
        ("PT", "Portugal"),
        ("ES", "Spain"),
        ("SE", "Sweden"),
        ("GB", "United Kingdom"),
        ("US", "United States"),
        ("", "Another country"),
    )
