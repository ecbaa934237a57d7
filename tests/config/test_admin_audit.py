"""The admin shows people's records read-only, and every look and change is audited."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.models import AuditEvent
from tracking.models import PainLog, PegCheckin, ShareLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(django_user_model):
    staff = django_user_model.objects.create_superuser("boss", "boss@example.com", "x" * 20)
    client = Client(REMOTE_ADDR="192.0.2.10")
    client.force_login(staff)
    return client


@pytest.fixture
def log(alice):
    return PainLog.objects.create(user=alice, pain=6, kind="morning", logged_at=timezone.now())


def test_a_pain_score_cannot_be_edited_in_the_admin(admin_client, log):
    url = reverse("admin:tracking_painlog_change", args=[log.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="pain"' not in page
    admin_client.post(url, {"user": log.user_id, "pain": "1", "kind": "morning"})
    log.refresh_from_db()
    assert log.pain == 6


def test_no_pain_score_or_check_in_can_be_added_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:tracking_painlog_add")).status_code == 403
    assert admin_client.get(reverse("admin:tracking_pegcheckin_add")).status_code == 403


def test_a_share_link_keeps_its_owner(admin_client, alice, bob):
    link, token = ShareLink.create_for(alice, timezone.now())
    url = reverse("admin:tracking_sharelink_change", args=[link.pk])
    expires = timezone.localtime(link.expires_at)
    data = {
        "user": bob.pk,
        "expires_at_0": expires.strftime("%Y-%m-%d"),
        "expires_at_1": expires.strftime("%H:%M:%S"),
        "revoked_at_0": "",
        "revoked_at_1": "",
    }
    assert admin_client.post(url, data).status_code == 302
    link.refresh_from_db()
    assert link.user == alice
    assert ShareLink.objects.by_token(token, timezone.now()).user == alice


def test_support_can_still_switch_a_link_off(admin_client, alice):
    link, _ = ShareLink.create_for(alice, timezone.now())
    url = reverse("admin:tracking_sharelink_change", args=[link.pk])
    now = timezone.localtime()
    response = admin_client.post(
        url, {"revoked_at_0": now.strftime("%Y-%m-%d"), "revoked_at_1": now.strftime("%H:%M:%S")}
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    change = AuditEvent.objects.get(action="admin-change")
    assert (change.username, change.object_type, change.object_id) == (
        "boss",
        "tracking.ShareLink",
        str(link.pk),
    )


def test_looking_at_a_persons_record_is_audited(admin_client, log):
    admin_client.get(reverse("admin:tracking_painlog_change", args=[log.pk]))
    event = AuditEvent.objects.get(action="admin-view", object_id=str(log.pk))
    assert (event.username, event.object_type, event.ip) == (
        "boss",
        "tracking.PainLog",
        "192.0.2.10",
    )


@pytest.mark.parametrize(
    "name", ["tracking_painlog", "tracking_pegcheckin", "screening_screening", "auth_user"]
)
def test_opening_a_list_of_records_is_audited(admin_client, name):
    assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert AuditEvent.objects.filter(action="admin-view", username="boss").count() == 1


def test_deleting_a_record_in_the_admin_is_audited(admin_client, log):
    url = reverse("admin:tracking_painlog_delete", args=[log.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not PainLog.objects.filter(pk=log.pk).exists()
    assert AuditEvent.objects.filter(action="admin-change", object_id=str(log.pk)).exists()


def test_a_weekly_check_in_is_read_only(admin_client, alice):
    checkin = PegCheckin.objects.create(
        user=alice, pain=5, enjoyment=5, activity=5, checked_at=timezone.now()
    )
    page = admin_client.get(reverse("admin:tracking_pegcheckin_change", args=[checkin.pk]))
    assert 'name="pain"' not in page.content.decode()
