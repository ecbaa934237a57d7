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
    time_zones: tuple[str, ...]  # IANA zones, to propose the country at sign-up
    source: str
    # Where to go in an emergency, as people there call it, after "the nearest".
    hospital: str = "emergency department"


# Where a country has no single national same-day line, say so in words.
_DOCTOR_OR_URGENT_CARE = "your doctor today, or an urgent care centre"

FALLBACK = Country(
    code="",
    name="Another country",
    emergency="112",
    urgent=_DOCTOR_OR_URGENT_CARE,
    urgent_number="",
    time_zones=(),
    source="ITU/EU: 112 reaches emergency services from most mobile phones worldwide",
)

# The zones of each country are those of the IANA zone.tab, plus the older
# names some browsers still report (for example America/Indianapolis).
_US_ZONES = (
    "America/New_York", "America/Detroit", "America/Kentucky/Louisville",
    "America/Louisville", "America/Kentucky/Monticello",
    "America/Indiana/Indianapolis", "America/Indianapolis", "America/Indiana/Vincennes",
    "America/Indiana/Winamac", "America/Indiana/Marengo", "America/Indiana/Petersburg",
    "America/Indiana/Vevay", "America/Chicago", "America/Indiana/Tell_City",
    "America/Indiana/Knox", "America/Menominee", "America/North_Dakota/Center",
    "America/North_Dakota/New_Salem", "America/North_Dakota/Beulah", "America/Denver",
    "America/Boise", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
    "America/Juneau", "America/Sitka", "America/Metlakatla", "America/Yakutat",
    "America/Nome", "America/Adak", "Pacific/Honolulu",
)  # fmt: skip
_CA_ZONES = (
    "America/St_Johns", "America/Halifax", "America/Glace_Bay", "America/Moncton",
    "America/Goose_Bay", "America/Blanc-Sablon", "America/Toronto", "America/Montreal",
    "America/Iqaluit", "America/Atikokan", "America/Winnipeg", "America/Resolute",
    "America/Rankin_Inlet", "America/Regina", "America/Swift_Current",
    "America/Edmonton", "America/Cambridge_Bay", "America/Inuvik", "America/Creston",
    "America/Dawson_Creek", "America/Fort_Nelson", "America/Whitehorse",
    "America/Dawson", "America/Vancouver",
)  # fmt: skip
_AU_ZONES = (
    "Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane",
    "Australia/Adelaide", "Australia/Perth", "Australia/Hobart", "Australia/Darwin",
    "Australia/Broken_Hill", "Australia/Lindeman", "Australia/Lord_Howe",
    "Australia/Eucla", "Antarctica/Macquarie",
)  # fmt: skip

COUNTRIES: tuple[Country, ...] = (
    Country(
        code="GB",
        name="United Kingdom",
        emergency="999",
        urgent="NHS 111 or your GP today",
        urgent_number="111",
        time_zones=("Europe/London", "Europe/Belfast"),
        source="NHS: call 999 in an emergency, 111 when you need help fast",
        hospital="emergency department (A&E)",
    ),
    Country(
        code="IE",
        name="Ireland",
        emergency="112",
        urgent="your GP today, or the GP out-of-hours service",
        urgent_number="",
        time_zones=("Europe/Dublin",),
        source="HSE: call 112 or 999 in an emergency; GP out-of-hours services for urgent care",
        hospital="emergency department (A&E)",
    ),
    Country(
        code="DE",
        name="Germany",
        emergency="112",
        urgent="the on-call doctor service on 116117, or your doctor today",
        urgent_number="116117",
        time_zones=("Europe/Berlin", "Europe/Busingen"),
        source="KBV: 112 for emergencies, 116117 for the out-of-hours medical on-call service",
    ),
    Country(
        code="FR",
        name="France",
        emergency="112",
        urgent=_DOCTOR_OR_URGENT_CARE,
        urgent_number="",
        time_zones=("Europe/Paris",),
        source="Service-public.fr: 112 (or 15, SAMU) reaches emergency medical help",
    ),
    Country(
        code="ES",
        name="Spain",
        emergency="112",
        urgent=_DOCTOR_OR_URGENT_CARE,
        urgent_number="",
        time_zones=("Europe/Madrid", "Africa/Ceuta", "Atlantic/Canary"),
        source="EU 112: the single emergency number in every EU country",
    ),
    Country(
        code="IT",
        name="Italy",
        emergency="112",
        urgent=_DOCTOR_OR_URGENT_CARE,
        urgent_number="",
        time_zones=("Europe/Rome",),
        source="EU 112: the single emergency number in every EU country",
    ),
    Country(
        code="NL",
        name="Netherlands",
        emergency="112",
        urgent="your GP today, or the GP out-of-hours service (huisartsenpost)",
        urgent_number="",
        time_zones=("Europe/Amsterdam",),
        source="Rijksoverheid: 112 for emergencies; the huisartsenpost outside GP hours",
    ),
    Country(
        code="BE",
        name="Belgium",
        emergency="112",
        urgent=_DOCTOR_OR_URGENT_CARE,
        urgent_number="",
        time_zones=("Europe/Brussels",),
        source="EU 112: the single emergency number in every EU country",
    ),
    Country(
        code="PT",
        name="Portugal",
        emergency="112",
        urgent="SNS 24 on 808 24 24 24, or your doctor today",
        urgent_number="808 24 24 24",
        time_zones=("Europe/Lisbon", "Atlantic/Madeira", "Atlantic/Azores"),
        source="SNS: 112 for emergencies, SNS 24 (808 24 24 24) for health advice",
    ),
    Country(
        code="AT",
        name="Austria",
        emergency="112",
        urgent="the health line 1450, or your doctor today",
        urgent_number="1450",
        time_zones=("Europe/Vienna",),
        source="Gesundheit.gv.at: 112 or 144 in an emergency, 1450 for health advice",
    ),
    Country(
        code="SE",
        name="Sweden",
        emergency="112",
        urgent="1177 or your health centre today",
        urgent_number="1177",
        time_zones=("Europe/Stockholm",),
        source="1177.se: 112 in an emergency, 1177 for medical advice",
    ),
    Country(
        code="DK",
        name="Denmark",
        emergency="112",
        urgent="your doctor today, or the out-of-hours doctor (lægevagt)",
        urgent_number="",
        time_zones=("Europe/Copenhagen",),
        source="Sundhed.dk: 112 in an emergency; lægevagten outside GP hours",
    ),
    Country(
        code="FI",
        name="Finland",
        emergency="112",
        urgent="the medical helpline 116117, or your health centre today",
        urgent_number="116117",
        time_zones=("Europe/Helsinki",),
        source="112.fi and THL: 112 in an emergency, 116117 for urgent medical advice",
    ),
    Country(
        code="PL",
        name="Poland",
        emergency="112",
        urgent=_DOCTOR_OR_URGENT_CARE,
        urgent_number="",
        time_zones=("Europe/Warsaw",),
        source="EU 112: the single emergency number in every EU country",
    ),
    Country(
        code="US",
        name="United States",
        emergency="911",
        urgent=_DOCTOR_OR_URGENT_CARE,
        urgent_number="",
        time_zones=_US_ZONES,
        source="FCC: dial 911 for police, fire or ambulance",
        hospital="emergency room (ER)",
    ),
    Country(
        code="CA",
        name="Canada",
        emergency="911",
        urgent=_DOCTOR_OR_URGENT_CARE,
        urgent_number="",
        time_zones=_CA_ZONES,
        source="Government of Canada: call 911 in an emergency",
    ),
    Country(
        code="AU",
        name="Australia",
        emergency="000",
        urgent="your GP today, or call healthdirect on 1800 022 222",
        urgent_number="1800 022 222",
        time_zones=_AU_ZONES,
        source="Triple Zero: 000 for emergencies; healthdirect (1800 022 222) for advice",
    ),
    Country(
        code="NZ",
        name="New Zealand",
        emergency="111",
        urgent="your GP today, or Healthline on 0800 611 116",
        urgent_number="0800 611 116",
        time_zones=("Pacific/Auckland", "Pacific/Chatham"),
        source="Health NZ: 111 for emergencies, Healthline (0800 611 116) for advice",
    ),
)

# For a select: countries by name, then the fallback for everyone else.
CHOICES: tuple[tuple[str, str], ...] = (
    *sorted(((c.code, c.name) for c in COUNTRIES), key=lambda choice: choice[1]),
    (FALLBACK.code, FALLBACK.name),
)


def country_for(code: str) -> Country:
    """The country with this code, or FALLBACK."""
    return next((c for c in COUNTRIES if c.code == code), FALLBACK)


def country_for_zone(zone: str) -> Country | None:
    """The country a time zone belongs to, to propose at sign-up; None if unknown."""
    return next((c for c in COUNTRIES if zone in c.time_zones), None)
