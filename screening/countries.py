"""Emergency and urgent phone routes by country, for safety advice.

Pure Python (no Django). A person's country is asked at sign-up; advice
leads with that country's own emergency number. Unknown or empty codes get
``FALLBACK``, which never pretends to know the number.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-2; "" for the fallback
    name: str
    emergency: str  # the number to dial for an ambulance, e.g. "999"
    # The urgent (same-day, not emergency) route in words, finishing
    # "Contact ...": e.g. "NHS 111 or your GP today".
    urgent: str
    urgent_number: str  # a national urgent line to call, or "" when there is none
    time_zones: tuple[str, ...]
    source: str


FALLBACK = Country(
    code="",
    name="Another country",
    emergency="112",
    urgent="your doctor today, or an urgent care centre",
    urgent_number="",
    time_zones=(),
    source="ITU/EU: 112 reaches emergency services from most mobile phones worldwide",
)

COUNTRIES: tuple[Country, ...] = (
    Country(
        code="GB",
        name="United Kingdom",
        emergency="999",
        urgent="NHS 111 or your GP today",
        urgent_number="111",
        time_zones=("Europe/London",),
        source="NHS: call 999 in an emergency, 111 when you need help fast",
    ),
)


def country_for(code: str) -> Country:
    """The country with this code, or FALLBACK."""
    return next((c for c in COUNTRIES if c.code == code), FALLBACK)


def country_for_zone(zone: str) -> Country | None:
    """The country a time zone belongs to, to propose at sign-up; None if unknown."""
    return next((c for c in COUNTRIES if zone in c.time_zones), None)
