"""What every page needs to know about the person's safety."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from config.prefs import request_prefs
from screening.countries import Country, country_for


def person_country(request: HttpRequest) -> Country:
    """The signed-in person's own country, read at most once per request.

    FALLBACK for visitors, for a person without a profile and for one who has
    not told us their country.
    """
    country = getattr(request, "_safety_country", None)
    if country is None:
        country = country_for(request_prefs(request).country)
        request._safety_country = country  # type: ignore[attr-defined]
    return country


def safety(request: HttpRequest) -> dict[str, object]:
    """The person's country, for emergency numbers in any template.

    Lazy: a fragment that shows no number costs no query.
    """
    return {"country": SimpleLazyObject(lambda: person_country(request))}


def banner(request: HttpRequest) -> dict[str, object]:
    """While an emergency or urgent standing is live, every signed-in page says so.

    Lazy: the standing is read only when a template shows the banner, and
    once per request (``request_standing``).
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"safety_banner": SimpleLazyObject(lambda: _banner(request))}


def _banner(request: HttpRequest) -> dict[str, object] | None:
    # Imported here: screening.context reads the country from this module.
    from screening.context import headline_for, steps_for
    from screening.records import request_standing

    standing = request_standing(request)
    if not standing.alarm or standing.tier is None:
        return None
    steps = steps_for(standing, person_country(request))
    return {
        "headline": headline_for(standing),
        "tier_name": standing.tier.name.lower(),
        "first_step": steps[0] if steps else "",
    }
