"""A refused form puts the focus on its first field in error, so a phone scrolls to
the message and a screen reader reads it: the log, the weekly check-in and the
reminders page (the messages were 200 to 500 px below the first screen)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tracking.models import PainLog, PegCheckin, ReminderSettings

pytestmark = pytest.mark.django_db

FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*>")
NAME = re.compile(r'\bname="(\w+)"')


def focused(page: str) -> list[str]:
    """The names of the form fields that carry autofocus, in page order (a group of
    radios once: the browser focuses the first of them)."""
    names = (
        NAME.search(tag).group(1)
        for tag in FIELD.findall(page)
        if re.search(r"\bautofocus\b", tag) and NAME.search(tag)
    )
    return list(dict.fromkeys(names))


def later() -> str:
    return (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"pain": "3", "kind": "other", "logged_at": "later"}, "logged_at"),
        ({"pain": "3", "kind": "other", "note": "x" * 600}, "note"),
        ({"pain": "", "kind": "other", "logged_at": "later"}, "pain"),
        ({"pain": "3", "kind": "after"}, "kind"),
    ],
)
def test_a_refused_log_puts_the_focus_on_its_first_field_in_error(client_alice, data, field):
    data = {k: later() if v == "later" else v for k, v in data.items()}
    page = client_alice.post(reverse("tracking:log"), data).content.decode()
    assert focused(page) == [field]
    assert not PainLog.objects.exists()


def test_a_fresh_log_page_takes_no_focus_from_the_page(client_alice):
    assert focused(client_alice.get(reverse("tracking:log")).content.decode()) == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"pain": "6"}, "enjoyment"),
        ({"pain": "6", "enjoyment": "4"}, "activity"),
        ({"enjoyment": "4"}, "pain"),
    ],
)
def test_a_refused_check_in_puts_the_focus_on_the_first_question_unanswered(
    client_alice, data, field
):
    page = client_alice.post(reverse("tracking:peg"), data).content.decode()
    assert focused(page) == [field]
    assert not PegCheckin.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email_on": "on", "email": "not an address"}, "email"),
        ({"first_session": "abc"}, "first_session"),
        ({"second_session": "09:00"}, "second_session"),
    ],
)
def test_refused_reminders_put_the_focus_on_the_first_field_in_error(client_alice, changes, field):
    data = {"morning_log": "07:30", "first_session": "09:00", "second_session": "18:00"}
    page = client_alice.post(reverse("tracking:reminders"), {**data, **changes})
    assert focused(page.content.decode()) == [field]
    assert not ReminderSettings.objects.exists()
