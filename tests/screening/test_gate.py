"""The gate: one decorator that keeps routine and session pages behind a safety check."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.http import HttpRequest, HttpResponse
from django.urls import URLResolver, get_resolver, include, path, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.utils import timezone

from config.urls import urlpatterns as project_urls
from screening.gate import current_cautions, screening_required, screening_status
from screening.records import record_stop
from screening.rules import Caution, Tier
from screening.standing import StopKind
from tests.screening.builders import days_ago


@screening_required
def stretch_page(request: HttpRequest) -> HttpResponse:
    # Stands in for a routine page: the words a blocked person must never see.
    return HttpResponse("Lie on your back and hug one knee.")


def open_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Anyone may see this.")


# This module is also the URLconf for the tests marked below.
fake_app = (
    [
        path("thing/<int:pk>/", stretch_page, name="thing"),
        path("open/", open_page, name="open"),
    ],
    "fakeroutines",
)
urlpatterns = [
    path("test-stretch/", stretch_page, name="test-stretch"),
    path("fake/", include(fake_app)),
    *project_urls,
]

pytestmark = pytest.mark.django_db
gated = pytest.mark.urls("tests.screening.test_gate")
STRETCH = "/test-stretch/"


@gated
def test_it_redirects_to_the_questions_without_a_result(client_alice) -> None:
    response = client_alice.get(STRETCH)

    assert response.status_code == 302
    assert response.url == reverse("screening:start")


@gated
def test_it_sends_anonymous_people_to_log_in(client) -> None:
    response = client.get(STRETCH)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@gated
def test_it_lets_a_clear_result_through(client_alice, screened) -> None:
    response = client_alice.get(STRETCH)

    assert response.status_code == 200
    assert b"hug one knee" in response.content


@gated
def test_it_lets_a_caution_result_through(client_alice, alice, make_screening) -> None:
    make_screening(alice, "caution")

    assert client_alice.get(STRETCH).status_code == 200


@gated
def test_it_asks_again_after_30_days(client_alice, alice, make_screening) -> None:
    make_screening(alice, created_at=days_ago(30.01))

    response = client_alice.get(STRETCH)

    assert response.status_code == 302
    assert response.url == reverse("screening:start")


@gated
def test_it_still_lets_through_just_before_30_days(client_alice, alice, make_screening) -> None:
    make_screening(alice, created_at=days_ago(29.99))

    assert client_alice.get(STRETCH).status_code == 200


def stop(user, kind: StopKind, at=None):
    at = at or timezone.now()
    return record_stop(user, kind, label="sharp or shooting pain", at=at, day=at.date())


@gated
def test_it_rests_after_a_stop_for_symptoms_the_same_day(client_alice, alice, screened) -> None:
    stop(alice, StopKind.SYMPTOM)

    response = client_alice.get(STRETCH)

    assert response.status_code == 403
    assert b"No more stretching today" in response.content
    assert b"hug one knee" not in response.content


@gated
def test_it_asks_again_the_day_after_a_stop(client_alice, alice, make_screening) -> None:
    make_screening(alice, created_at=days_ago(2))
    stop(alice, StopKind.SYMPTOM, at=days_ago(1))

    response = client_alice.get(STRETCH)

    assert response.status_code == 302
    assert response.url == reverse("screening:start")


@gated
def test_an_older_result_does_not_stand_in_after_a_stop(
    client_alice, alice, make_screening
) -> None:
    make_screening(alice, created_at=days_ago(5))
    make_screening(alice, created_at=days_ago(3))
    stop(alice, StopKind.SYMPTOM, at=days_ago(2))

    assert client_alice.get(STRETCH).status_code == 302


@gated
def test_a_cramp_asks_for_a_rest_not_a_new_check(client_alice, alice, screened) -> None:
    stop(alice, StopKind.CRAMP, at=timezone.now() - timedelta(minutes=31))

    assert client_alice.get(STRETCH).status_code == 200


@gated
@pytest.mark.parametrize(
    ("tier", "words"),
    [
        ("emergency", b"Get emergency help now"),
        ("urgent", b"See a doctor today"),
        ("clinician", b"See your GP or a physio first"),
    ],
)
def test_it_blocks_and_repeats_the_advice(client_alice, alice, make_screening, tier, words) -> None:
    make_screening(alice, tier)

    response = client_alice.get(STRETCH)

    assert response.status_code == 403
    assert words in response.content
    assert b"This page is closed for you for now" in response.content
    assert b"hug one knee" not in response.content


@gated
def test_a_blocked_htmx_swap_is_sent_to_the_result(client_alice, alice, make_screening) -> None:
    make_screening(alice, "emergency")

    response = client_alice.get(STRETCH, headers={"HX-Request": "true"})

    assert response["HX-Redirect"] == reverse("screening:standing")
    assert b"hug one knee" not in response.content


@gated
def test_a_clearance_unblocks_the_clinician_tier(client_alice, alice, make_screening) -> None:
    make_screening(alice, "clinician", cleared_on=timezone.localdate())

    assert client_alice.get(STRETCH).status_code == 200


@gated
@pytest.mark.parametrize("tier", ["emergency", "urgent"])
def test_a_clearance_never_unblocks_emergency_or_urgent(
    client_alice, alice, make_screening, tier
) -> None:
    # Not offered by the app; a forged row must still not open the gate.
    make_screening(alice, tier, cleared_on=timezone.localdate())

    assert client_alice.get(STRETCH).status_code == 403


@gated
def test_the_gate_is_per_person(client_alice, bob, make_screening) -> None:
    make_screening(bob)

    assert client_alice.get(STRETCH).status_code == 302


def test_the_decorator_marks_the_view() -> None:
    assert stretch_page.screening_required is True
    assert stretch_page.__name__ == "stretch_page"


# --- Clearance carried to a later screening -----------------------------------------


def test_a_clearance_of_a_lasting_feature_covers_the_same_answers_later(
    alice, make_screening
) -> None:
    # Past cancer: cleared once, it stays cleared while the answers stay the same.
    make_screening(alice, "clinician", created_at=days_ago(40), cleared_on=days_ago(39).date())
    later = make_screening(alice, "clinician")

    status = screening_status(alice, timezone.now())

    assert status.current == later
    assert status.allowed


def test_a_clearance_does_not_cover_a_new_flag(alice, make_screening) -> None:
    make_screening(alice, "clinician", created_at=days_ago(10), cleared_on=timezone.localdate())
    make_screening(alice, "clinician", answers={"weight_loss": "yes"})

    assert not screening_status(alice, timezone.now()).allowed


def test_a_time_bound_clearance_ends_30_days_after_its_date(alice, make_screening) -> None:
    weight_loss = {"cancer": "no", "weight_loss": "yes"}
    old_day = timezone.localdate() - timedelta(days=30)
    make_screening(
        alice, "clinician", answers=weight_loss, created_at=days_ago(31), cleared_on=old_day
    )
    make_screening(alice, "clinician", answers=weight_loss)

    assert not screening_status(alice, timezone.now()).allowed


def test_a_clearance_does_not_carry_over_to_an_urgent_result(alice, make_screening) -> None:
    make_screening(alice, "clinician", created_at=days_ago(3), cleared_on=days_ago(3).date())
    make_screening(alice, "urgent", answers={"cancer": "yes"})

    assert not screening_status(alice, timezone.now()).allowed


def test_another_persons_clearance_covers_nothing(alice, bob, make_screening) -> None:
    make_screening(bob, "clinician", created_at=days_ago(3), cleared_on=days_ago(3).date())
    make_screening(alice, "clinician")

    assert not screening_status(alice, timezone.now()).allowed


# --- The functions other apps call -----------------------------------------------------


def test_there_is_no_current_result_at_first(alice) -> None:
    assert screening_status(alice, timezone.now()).current is None


def test_a_blocking_result_is_the_current_one(alice, make_screening) -> None:
    screening = make_screening(alice, "emergency")

    status = screening_status(alice, timezone.now())

    assert (status.current, status.allowed, status.blocked) == (screening, False, True)


def test_current_cautions_reads_the_current_result(alice, make_screening) -> None:
    make_screening(alice, cautions=["knee", "floor"])

    assert current_cautions(alice) == {Caution.KNEE, Caution.FLOOR}


def test_current_cautions_is_empty_without_a_result(alice) -> None:
    assert current_cautions(alice) == frozenset()


def test_current_cautions_is_empty_while_blocked(alice, make_screening) -> None:
    make_screening(alice, "clinician", cautions=["knee"])

    assert current_cautions(alice) == frozenset()


def test_cleared_osteoporosis_keeps_flexion_sparing(alice, make_screening) -> None:
    make_screening(alice, "clear", answers={"osteoporosis": "yes"}, cleared_on=timezone.localdate())

    assert current_cautions(alice) == {Caution.FLEXION_SPARING}


def test_a_caution_result_stores_its_codes(alice, make_screening) -> None:
    screening = make_screening(alice, "caution")

    assert screening.tier == Tier.CAUTION
    assert screening.cautions == ["flexion-sparing"]


# --- Every decorated routine and session URL is really gated ----------------------------


def dummy_value(converter: object) -> object:
    if isinstance(converter, IntConverter):
        return 1
    if isinstance(converter, UUIDConverter):
        return uuid.uuid4()
    return "x"  # matches str, slug and path


def decorated_urls(namespace: str) -> list[tuple[str, str]]:
    """(name, url) for each pattern in the namespace whose view has the gate."""
    found: list[tuple[str, str]] = []

    def walk(patterns: list, ns: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{ns}:{pattern.namespace}" if pattern.namespace else ns)
            elif getattr(pattern.callback, "screening_required", False):
                kwargs = {k: dummy_value(c) for k, c in pattern.pattern.converters.items()}
                name = f"{ns}:{pattern.name}"
                found.append((name, reverse(name, kwargs=kwargs)))

    for item in get_resolver().url_patterns:
        if isinstance(item, URLResolver) and item.namespace == namespace:
            walk(item.url_patterns, namespace)
    return found


def gated_response(client, url: str) -> HttpResponse:
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    return response


@pytest.mark.parametrize("namespace", ["routines", "tracking"])
def test_every_decorated_url_needs_a_current_result(client_alice, namespace) -> None:
    for name, url in decorated_urls(namespace):
        response = gated_response(client_alice, url)
        assert response.status_code == 302, name
        assert response.url == reverse("screening:start"), name


@pytest.mark.parametrize("namespace", ["routines", "tracking"])
@pytest.mark.parametrize("tier", ["emergency", "urgent", "clinician"])
def test_every_decorated_url_is_closed_to_a_blocked_person(
    client_alice, alice, make_screening, namespace, tier
) -> None:
    make_screening(alice, tier)
    for name, url in decorated_urls(namespace):
        response = gated_response(client_alice, url)
        assert response.status_code == 403, name
        assert b"Why we say this" in response.content, name


@pytest.mark.parametrize("namespace", ["routines", "tracking"])
def test_every_decorated_url_asks_again_after_expiry(
    client_alice, alice, make_screening, namespace
) -> None:
    make_screening(alice, created_at=days_ago(31))
    for name, url in decorated_urls(namespace):
        assert gated_response(client_alice, url).status_code == 302, name


# Every routine page and the start of a session. A running session's own page is
# gated inside tracking (its last screens stay open after a stop), tested there.
GATED = {
    "routines:library",
    "routines:stretch",
    "tracking:today",
    "tracking:sessions-choice",
    "tracking:why",
    "tracking:session-start",
}


def test_every_routine_and_session_start_url_carries_the_gate() -> None:
    found = {name for ns in ("routines", "tracking") for name, _ in decorated_urls(ns)}

    assert found == GATED


@gated
def test_decorated_urls_finds_exactly_the_decorated_views() -> None:
    # The helper must work, or the tests above would pass on nothing.
    assert decorated_urls("fakeroutines") == [("fakeroutines:thing", "/fake/thing/1/")]


@pytest.mark.parametrize("name", ["tracking:dashboard", "tracking:export", "profile"])
def test_a_blocked_person_still_reaches_history_export_and_account(
    client_alice, alice, make_screening, name
) -> None:
    make_screening(alice, "emergency")

    response = client_alice.get(reverse(name))

    assert response.status_code == 200
    assert b"/routines/stretches/" not in response.getvalue()
