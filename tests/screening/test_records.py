"""The safety history read with another app's one-row SELECT, in one statement."""

import pytest
from django.test import RequestFactory

from config.sql import INTEGER, Beside
from screening.records import request_standing, request_standing_and
from screening.rules import Tier
from screening.standing import State
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
