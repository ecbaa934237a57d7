"""The person's own settings that pages show, read once per request."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from config.models import Profile
from config.prefs import NOT_SET, Prefs, forget_prefs, request_prefs

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_it_reads_the_persons_own_settings(alice, bob) -> None:
    Profile.objects.filter(user=alice).update(country="US", sounds="off", speech="on")
    assert request_prefs(_request(alice)) == Prefs(country="US", sounds="off", speech="on")
    assert request_prefs(_request(bob)) == Prefs(country="GB", sounds="on", speech="")


def test_a_visitor_or_a_person_without_a_profile_gets_the_defaults(make_user) -> None:
    carl = make_user("carl")
    Profile.objects.filter(user=carl).delete()
    assert request_prefs(_request(AnonymousUser())) == NOT_SET
    assert request_prefs(_request(carl)) == NOT_SET == Prefs(country="", sounds="on", speech="")


def test_it_reads_once_per_request_until_told_to_forget(alice, django_assert_num_queries) -> None:
    request = _request(alice)
    with django_assert_num_queries(1):
        request_prefs(request)
        request_prefs(request)
    Profile.objects.filter(user=alice).update(sounds="off")
    assert request_prefs(request).sounds == "on"
    forget_prefs(request)
    assert request_prefs(request).sounds == "off"


def test_the_safety_history_brings_the_settings_in_the_same_statement(
    alice, django_assert_num_queries
) -> None:
    from screening.records import request_standing

    Profile.objects.filter(user=alice).update(country="IE", sounds="off")
    request = _request(alice)
    with django_assert_num_queries(1):
        request_standing(request)
        assert request_prefs(request) == Prefs(country="IE", sounds="off", speech="")


def test_settings_read_first_are_not_replaced_by_the_history(alice) -> None:
    from screening.records import request_standing

    request = _request(alice)
    first = request_prefs(request)
    Profile.objects.filter(user=alice).update(country="IE")
    request_standing(request)
    assert request_prefs(request) is first


def test_the_history_of_a_person_without_a_profile_brings_the_defaults(make_user) -> None:
    from screening.records import request_standing

    carl = make_user("carl")
    Profile.objects.filter(user=carl).delete()
    request = _request(carl)
    request_standing(request)
    assert request_prefs(request) is NOT_SET
