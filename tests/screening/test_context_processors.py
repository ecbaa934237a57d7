"""Every template knows the person's own country (for the emergency number)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from screening.context_processors import person_country, safety
from screening.countries import FALLBACK

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_for(rf):
    def build(user):
        request = rf.get("/")
        request.user = user
        return request

    return build


def test_it_gives_a_visitor_the_fallback(request_for, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert person_country(request_for(AnonymousUser())) is FALLBACK


@pytest.mark.parametrize(("code", "emergency"), [("GB", "999"), ("US", "911"), ("NZ", "111")])
def test_it_gives_a_person_their_own_country(request_for, make_user, code, emergency):
    country = safety(request_for(make_user("dan", country=code)))["country"]
    assert (country.code, country.emergency) == (code, emergency)


def test_it_gives_the_fallback_to_a_person_who_has_not_said(request_for, make_user):
    assert person_country(request_for(make_user("dan", country=""))) is FALLBACK


def test_it_gives_the_fallback_to_a_person_without_a_profile(request_for, django_user_model):
    user = django_user_model.objects.create_user(username="eve", password="x")
    assert person_country(request_for(user)) is FALLBACK


def test_it_reads_the_country_once_per_request(
    request_for, django_user_model, make_user, django_assert_num_queries
):
    request = request_for(django_user_model.objects.get(pk=make_user("dan", country="US").pk))
    with django_assert_num_queries(1):
        assert person_country(request).emergency == "911"
        assert safety(request)["country"].emergency == "911"


def test_it_costs_no_query_until_a_template_shows_a_number(
    request_for, make_user, django_user_model, django_assert_num_queries
):
    request = request_for(django_user_model.objects.get(pk=make_user("dan").pk))
    with django_assert_num_queries(0):
        safety(request)
