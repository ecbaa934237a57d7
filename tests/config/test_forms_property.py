"""Property-based checks of every form that takes a person's input.

Whatever is typed or forged, a POST either stores one valid row (and
redirects) or stores nothing and answers with a message on the same page.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Anything a browser (or a forged request) can send as one form value.
any_value = st.one_of(
    st.integers(min_value=-1000, max_value=1000).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=40),
    st.sampled_from(["", " ", "5", "0", "10", "11", "-1", "3.5", "abc", "\x00", "½"]),
)
moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda d: d.strftime("%Y-%m-%dT%H:%M")
)
notes = st.one_of(st.text(max_size=40), st.text(min_size=490, max_size=520))


def shows_a_message(response) -> bool:
    return response.status_code == 200 and "errorlist" in response.content.decode()


@PROPERTY_SETTINGS
@given(
    pain=any_value,
    kind=st.one_of(st.sampled_from(["morning", "evening", "other", "before", "after"]), any_value),
    note=notes,
    logged_at=st.one_of(moments, any_value),
)
def test_pain_log_form_saves_a_valid_row_or_nothing(
    client_alice, alice, pain, kind, note, logged_at
):
    from tracking.models import PainLog

    alice.date_joined = datetime(2020, 1, 1, tzinfo=UTC)
    alice.save(update_fields=["date_joined"])
    before = PainLog.objects.count()
    response = client_alice.post(
        reverse("tracking:log"), {"pain": pain, "kind": kind, "note": note, "logged_at": logged_at}
    )
    if response.status_code == 302:
        assert PainLog.objects.count() == before + 1
        log = PainLog.objects.latest("pk")
        assert 0 <= log.pain <= 10
        assert log.kind in {"morning", "evening", "other"}
        assert len(log.note) <= 500
        assert log.logged_at <= timezone.now() + timedelta(minutes=3)
        assert log.logged_at >= alice.date_joined - timedelta(minutes=1)
    else:
        assert shows_a_message(response), response.status_code
        assert PainLog.objects.count() == before


@PROPERTY_SETTINGS
@given(pain=any_value, enjoyment=any_value, activity=any_value)
@example(pain="3", enjoyment="4", activity="5")
def test_peg_form_saves_a_valid_row_or_nothing(client_alice, pain, enjoyment, activity):
    from tracking.models import PegCheckin

    before = PegCheckin.objects.count()
    response = client_alice.post(
        reverse("tracking:peg"), {"pain": pain, "enjoyment": enjoyment, "activity": activity}
    )
    if response.status_code == 302:
        row = PegCheckin.objects.latest("pk")
        assert PegCheckin.objects.count() == before + 1
        assert all(0 <= v <= 10 for v in (row.pain, row.enjoyment, row.activity))
    else:
        assert shows_a_message(response)
        assert PegCheckin.objects.count() == before


@PROPERTY_SETTINGS
@given(pain=any_value)
@example(pain="4")
@example(pain="11")
def test_session_pain_saves_a_valid_log_or_nothing(
    client_alice, alice, make_screening, monkeypatch, pain
):
    from tests.tracking.session_builders import PLAN
    from tracking.models import PainLog, Session

    make_screening(alice)
    Session.objects.filter(user=alice).delete()
    session = Session.begin(alice, PLAN, stage=1, now=timezone.now())
    url = reverse("tracking:session", args=[session.pk])
    response = client_alice.post(url, {"position": 0, "action": "pain", "pain": pain})
    logs = PainLog.objects.filter(session=session)
    if response.status_code == 302:
        assert logs.count() == 1
        assert 0 <= logs.get().pain <= 10
        assert str(logs.get().pain) == pain.strip()
    else:
        assert response.status_code == 200
        assert logs.count() == 0


@PROPERTY_SETTINGS
@given(age=any_value)
@example(age="35")
@example(age="-3")
def test_screening_age_is_kept_only_when_valid(client_alice, alice, age):
    from screening.models import Screening, ScreeningDraft

    draft = ScreeningDraft.begin(alice, timezone.now())
    url = reverse("screening:step", kwargs={"token": draft.token, "step": 1})
    response = client_alice.post(url, {"age": age, "pain_start": "long-standing"})
    draft.refresh_from_db()
    if response.status_code == 302 and "age" in draft.answers:
        assert 0 < int(draft.answers["age"]) < 130
    else:
        assert "age" not in draft.answers
        assert shows_a_message(response) or response.status_code == 302
    assert not Screening.objects.filter(user=alice).exists()


@PROPERTY_SETTINGS
@given(
    name=st.one_of(st.text(max_size=120), st.just("")),
    role=st.one_of(st.sampled_from(["gp", "physio", "other"]), any_value),
    cleared_on=st.one_of(st.dates().map(str), any_value),
    confirm=st.sampled_from(["on", "", "yes"]),
)
def test_clearance_form_saves_a_valid_row_or_nothing(
    client_alice, alice, make_screening, name, role, cleared_on, confirm
):
    from screening.models import Clearance

    screening = make_screening(alice, tier="clinician")
    url = reverse("screening:clearance", args=[screening.pk])
    response = client_alice.post(
        url,
        {
            "clinician_name": name,
            "clinician_role": role,
            "cleared_on": cleared_on,
            "confirm": confirm,
        },
    )
    if response.status_code == 302:
        clearance = Clearance.objects.get(screening=screening)
        assert clearance.clinician_name.strip()
        assert clearance.cleared_on <= timezone.localdate()
    else:
        assert shows_a_message(response)
        assert not Clearance.objects.filter(screening=screening).exists()
