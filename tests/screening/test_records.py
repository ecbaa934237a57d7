"""The safety history read with another app's one-row SELECT, in one statement."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from config.sql import INTEGER, Beside
from screening.records import history_for, record_stop, request_standing, request_standing_and
from screening.rules import Tier
from screening.standing import State, Stop, StopKind
from tests.screening.builders import make_screening

pytestmark = pytest.mark.django_db

# Two values, so that the order of the statement's parameters shows.
TWO_NUMBERS = Beside("SELECT %s + 0 AS first, %s + 0 AS second", (7, 40), (INTEGER, INTEGER))


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize(
    ("tier", "state"),
    [(None, State.CHECK), (Tier.CLEAR, State.GO), (Tier.EMERGENCY, State.BLOCKED)],
    ids=["never checked", "clear", "emergency"],
)
def test_it_reads_the_standing_and_the_row_in_one_statement(
    alice, tier, state, django_assert_num_queries
):
    if tier is not None:
        make_screening(alice, tier)
    request = request_of(alice)
    with django_assert_num_queries(1):
        standing, row = request_standing_and(request, TWO_NUMBERS)
    assert (standing.state, row) == (state, (7, 40))
    with django_assert_num_queries(0):
        assert request_standing(request) is standing


def test_the_row_is_the_same_for_every_result_and_clearance(alice):
    make_screening(alice, Tier.CLEAR)
    make_screening(alice, Tier.CLEAR)
    _, row = request_standing_and(request_of(alice), TWO_NUMBERS)
    assert row == (7, 40)


def test_a_standing_read_already_costs_only_the_row(alice, django_assert_num_queries):
    make_screening(alice, Tier.CLEAR)
    request = request_of(alice)
    standing = request_standing(request)
    with django_assert_num_queries(1):
        again, row = request_standing_and(request, TWO_NUMBERS)
    assert (again, row) == (standing, (7, 40))


def stop_at(user, at, kind=StopKind.SYMPTOM, label="sharp or shooting pain"):
    return record_stop(user, kind, label=label, at=at, day=at.date())


@pytest.mark.parametrize("beside", [None, TWO_NUMBERS], ids=["alone", "with a row"])
def test_session_stops_on_record_cost_no_statement_of_their_own(
    alice, beside, django_assert_num_queries
):
    now = timezone.now()
    make_screening(alice, Tier.CLEAR, created_at=now - timedelta(days=4))
    # A day or more back: a stop from today would ask for rest, not a check.
    for hours in (74, 50, 26):
        stop_at(alice, now - timedelta(hours=hours))
    request = request_of(alice)
    with django_assert_num_queries(1):
        if beside is None:
            standing = request_standing(request)
        else:
            standing, row = request_standing_and(request, beside)
            assert row == (7, 40)
    assert standing.state is State.CHECK  # the latest stop, after the result, asks again
    assert standing.stop is not None and standing.stop.at == now - timedelta(hours=26)


def test_the_standing_goes_by_the_latest_stop_up_to_now(alice):
    """The stop ``decide`` reads, and no other: one after ``now`` does not count yet."""
    now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    first = stop_at(alice, now - timedelta(days=3), StopKind.EMERGENCY, "chest pain")
    second = stop_at(alice, now - timedelta(minutes=10), StopKind.CRAMP, "cramp")
    stop_at(alice, now + timedelta(minutes=1), StopKind.EMERGENCY, "numbness")
    assert history_for(alice, now).stops == (
        Stop(at=second.at, day=second.day, kind=StopKind.CRAMP, label="cramp", id=second.pk),
    )
    assert history_for(alice, now - timedelta(days=1)).stops == (
        Stop(at=first.at, day=first.day, kind=StopKind.EMERGENCY, label="chest pain", id=first.pk),
    )
    assert history_for(alice, now - timedelta(days=4)).stops == ()
