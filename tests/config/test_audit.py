"""The audit log records who did what, and never a person's health data."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SECRET_NOTE = "note-that-must-never-reach-the-audit-log"


def test_the_audit_log_has_no_field_for_health_data():
    fields = {field.name for field in AuditEvent._meta.get_fields()}
    assert fields == {"id", "user", "username", "action", "object_type", "object_id", "ip", "at"}


def test_a_full_story_is_audited_without_any_health_data(alice, make_screening):
    from tracking.models import ShareLink

    client = Client()
    client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    client.post(reverse("tracking:log"), {"pain": "7", "kind": "morning", "note": SECRET_NOTE})
    clinician = make_screening(alice, tier="clinician")
    client.post(
        reverse("screening:clearance", args=[clinician.pk]),
        {
            "clinician_name": SECRET_NOTE[:40],
            "clinician_role": "gp",
            "cleared_on": timezone.localdate().isoformat(),
            "note": SECRET_NOTE,
            "confirm": "on",
        },
    )
    client.get(reverse("tracking:export"))
    client.post(reverse("tracking:shares"))
    link = ShareLink.objects.get(user=alice)
    client.post(reverse("tracking:share-revoke", args=[link.pk]))
    assert AuditEvent.objects.filter(action="clearance").exists()
    client.post(reverse("tracking:data-delete"), {"password": PASSWORD})

    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "login-failed",
        "login",
        "export",
        "share-create",
        "share-revoke",
        "data-delete",
    } <= actions
    # Deleting the data took away the row that told a clinician had to clear her.
    assert "clearance" not in actions
    for event in AuditEvent.objects.all():
        values = [event.username, event.action, event.object_type, event.object_id, str(event.ip)]
        assert not any(SECRET_NOTE[:20] in value for value in values)


def test_viewing_a_shared_report_is_audited(client, alice):
    from tracking.models import ShareLink

    link, token = ShareLink.create_for(alice, timezone.now())
    client.get(reverse("tracking:shared-report", args=[token]))
    event = AuditEvent.objects.get(action="share-view")
    assert event.user == alice
    assert event.object_id == str(link.pk)
