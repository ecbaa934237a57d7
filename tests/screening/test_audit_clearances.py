"""The daily command that records clearances that have come to their end."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from config.models import AuditEvent
from tests.screening.builders import days_ago

pytestmark = pytest.mark.django_db
WEIGHT_LOSS = {"cancer": "no", "weight_loss": "yes"}


def run() -> str:
    out = StringIO()
    call_command("audit_clearances", stdout=out)
    return out.getvalue()


def expired_ids() -> list[str]:
    events = AuditEvent.objects.filter(action=AuditEvent.Action.CLEARANCE_EXPIRED)
    return list(events.values_list("object_id", flat=True))


def test_it_records_a_time_bound_clearance_after_its_30_days(alice, make_screening) -> None:
    day = timezone.localdate() - timedelta(days=30)
    screening = make_screening(
        alice, "clinician", answers=WEIGHT_LOSS, created_at=days_ago(31), cleared_on=day
    )

    assert run() == "1 clearance(s) recorded as expired.\n"
    assert expired_ids() == [str(screening.clearance.pk)]
    assert AuditEvent.objects.get(action=AuditEvent.Action.CLEARANCE_EXPIRED).user == alice


def test_it_leaves_a_clearance_on_its_last_day(alice, make_screening) -> None:
    day = timezone.localdate() - timedelta(days=29)
    make_screening(alice, "clinician", answers=WEIGHT_LOSS, created_at=days_ago(30), cleared_on=day)

    run()

    assert expired_ids() == []


def test_a_lasting_feature_never_expires_by_date(alice, make_screening) -> None:
    day = timezone.localdate() - timedelta(days=400)
    make_screening(alice, "clinician", created_at=days_ago(401), cleared_on=day)

    run()

    assert expired_ids() == []


def test_it_records_each_clearance_once(alice, make_screening) -> None:
    day = timezone.localdate() - timedelta(days=40)
    make_screening(alice, "clinician", answers=WEIGHT_LOSS, created_at=days_ago(41), cleared_on=day)

    run()
    second = run()

    assert len(expired_ids()) == 1
    assert second == "0 clearance(s) recorded as expired.\n"
