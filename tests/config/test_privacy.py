"""No route lets one person reach another person's data.

The test walks the whole URLconf: every route that takes an id, a token or
a slug must be listed below as owned (bob gets a 404 on alice's object, for
GET and for POST), a capability (a token that is itself the permission), or
public (the same for everyone), so a new route cannot slip past unnoticed.
"""

from collections.abc import Callable, Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def walk(patterns, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def routes_with_arguments() -> set[str]:
    return {
        name
        for name, pattern in walk(get_resolver().url_patterns)
        if pattern.pattern.converters or pattern.pattern.regex.groups
        if not name.startswith("admin:")
    }


# --- alice's objects, one builder per kind of route -----------------------------


def a_pain_log(alice) -> dict:
    from tracking.models import PainLog

    log = PainLog.objects.create(user=alice, pain=4, kind="morning", logged_at=timezone.now())
    return {"pk": log.pk}


def a_share_link(alice) -> dict:
    from tracking.models import ShareLink

    link, _ = ShareLink.create_for(alice, timezone.now())
    return {"pk": link.pk}


def a_session(alice) -> dict:
    from tests.tracking.session_builders import PLAN
    from tracking.models import Session

    return {"pk": Session.begin(alice, PLAN, stage=1, now=timezone.now()).pk}


def a_screening(alice) -> dict:
    from tests.screening.builders import make_screening

    return {"pk": make_screening(alice, tier="clinician").pk}


def a_screening_draft(alice) -> dict:
    from screening.models import ScreeningDraft

    return {"token": ScreeningDraft.begin(alice, timezone.now()).token, "step": 1}


def a_screening_draft_token(alice) -> dict:
    return {"token": a_screening_draft(alice)["token"]}


OWNED: dict[str, Callable] = {
    "screening:step": a_screening_draft,
    "screening:mistake": a_screening_draft_token,
    "screening:result": a_screening,
    "screening:clearance": a_screening,
    "tracking:log-edit": a_pain_log,
    "tracking:log-delete": a_pain_log,
    "tracking:share-revoke": a_share_link,
    "tracking:session": a_session,
    "tracking:session-aftereffect": a_session,
}
# The token is the permission: tested for unknown, expired and revoked tokens
# in tests/tracking, tests/config/test_accounts.py and test_account_views.py.
CAPABILITY = {
    "tracking:shared-report",
    "tracking:calendar-feed",
    "tracking:reminders-unsubscribe",
    "tracking:reminders-confirm",
    "password_reset_confirm",
    "verify-email",
}
# Library content, the same for every person.
PUBLIC = {"routines:stretch"}


def test_every_route_with_an_argument_is_covered():
    uncovered = routes_with_arguments() - set(OWNED) - CAPABILITY - PUBLIC
    assert not uncovered, f"routes not checked for ownership: {sorted(uncovered)}"


@pytest.fixture
def bob_screened(client, bob, make_screening):
    # bob passes the safety gate, so a 404 is about ownership, not the gate.
    make_screening(bob)
    client.force_login(bob)
    return client


def missing(kwargs: dict) -> dict:
    """The same route's arguments, pointing at nothing at all."""
    import uuid

    return {
        key: uuid.uuid4() if key == "token" else (value if key == "step" else 987654321)
        for key, value in kwargs.items()
    }


@pytest.mark.parametrize("name", sorted(OWNED))
def test_bob_gets_404_on_alices_object(bob_screened, alice, make_screening, name):
    make_screening(alice)
    kwargs = OWNED[name](alice)
    url, nowhere = reverse(name, kwargs=kwargs), reverse(name, kwargs=missing(kwargs))
    statuses = {}
    for method in ("get", "post"):
        response = getattr(bob_screened, method)(url)
        # A method the route never accepts is a 405 for everyone; anything
        # else must be exactly what a made-up id gets: a 404.
        assert response.status_code in {404, 405}, f"{method} {url}: {response.status_code}"
        assert response.status_code == getattr(bob_screened, method)(nowhere).status_code
        statuses[method] = response.status_code
    assert 404 in statuses.values(), f"{url} never answered 404: {statuses}"


@pytest.mark.parametrize("name", sorted(OWNED))
def test_alice_reaches_her_own_object(client, alice, make_screening, name):
    # The other side of the check: the route works for its owner.
    make_screening(alice)
    client.force_login(alice)
    url = reverse(name, kwargs=OWNED[name](alice))
    assert client.get(url).status_code in {200, 302, 405}


def test_a_revoked_share_link_is_a_404_for_everyone(client, alice):
    from tracking.models import ShareLink

    link, token = ShareLink.create_for(alice, timezone.now())
    assert client.get(reverse("tracking:shared-report", args=[token])).status_code == 200
    link.revoke(timezone.now())
    assert client.get(reverse("tracking:shared-report", args=[token])).status_code == 404


def test_the_admin_is_closed_to_people_who_are_not_staff(client_bob):
    response = client_bob.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
