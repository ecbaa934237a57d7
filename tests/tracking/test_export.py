"""Export: a zip with one CSV file per kind of record, documented, in the person's
time zone, only their rows, nothing dated after the export."""

import csv
import io
import re
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from config.models import AuditEvent
from tests.tracking.builders import make_log, make_session
from tracking.export import FILES
from tracking.models import AfterEffectCheckin, PegCheckin, StopSignal, WalkLog

pytestmark = pytest.mark.django_db

EXPORT = reverse("tracking:export")
NAMES = ["pain_logs.csv", "sessions.csv", "weekly_checkins.csv", "walks.csv"]


def read(response) -> dict[str, list[dict[str, str]]]:
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {
        name: list(csv.DictReader(io.StringIO(archive.read(name).decode())))
        for name in archive.namelist()
    }


@pytest.fixture
def carla(make_user):
    return make_user("carla", time_zone="Europe/Berlin")


def test_it_downloads_a_zip_with_one_file_per_record_type(client_alice) -> None:
    response = client_alice.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert re.fullmatch(
        r'attachment; filename="limber-\d{4}-\d\d-\d\d\.zip"', response["Content-Disposition"]
    )
    assert read(response) == {name: [] for name in NAMES}


def test_it_has_the_documented_columns(client_alice) -> None:
    archive = zipfile.ZipFile(io.BytesIO(client_alice.get(EXPORT).content))
    headers = {name: archive.read(name).decode().splitlines()[0].split(",") for name in NAMES}
    assert headers == {
        "pain_logs.csv": ["id", "time", "kind", "pain", "note", "session_id"],
        "sessions.csv": [
            "id",
            "started",
            "ended",
            "status",
            "stop_reason",
            "stop_note",
            "pain_over_2_hours",
        ],
        "weekly_checkins.csv": ["id", "time", "pain", "enjoyment", "activity", "score"],
        "walks.csv": ["id", "day", "time"],
    }
    # Every column of every file is explained on the page the dashboard links to.
    dashboard = client_alice.get(reverse("tracking:dashboard")).content.decode()
    assert f'href="{reverse("tracking:export-columns")}"' in dashboard
    page = client_alice.get(reverse("tracking:export-columns")).content.decode()
    for file in FILES:
        block = page.split(f'<dl class="columns" data-file="{file.name}">', 1)[1]
        block = block.split("</dl>", 1)[0]
        documented = [
            name.strip()
            for term in re.findall(r"<dt>(.*?)</dt>", block)
            for name in term.split(",")
        ]
        assert documented == headers[file.name]


def test_it_exports_logs_sessions_and_check_ins_in_local_time(client, carla) -> None:
    at = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)
    make_log(carla, 6, at=at, note="stiff")
    session = make_session(
        carla, at=datetime(2026, 3, 2, 17, 0, tzinfo=UTC), before=5, after=3, status="stopped"
    )
    StopSignal.objects.create(
        session=session, reason="cramp", step_number=2, created_at=at, note="calf"
    )
    AfterEffectCheckin.objects.create(session=session, lasted_over_2h=True, answered_at=at)
    PegCheckin.objects.create(user=carla, pain=6, enjoyment=5, activity=7, checked_at=at)
    client.force_login(carla)
    files = read(client.get(EXPORT))
    morning = next(r for r in files["pain_logs.csv"] if r["kind"] == "morning")
    assert morning["time"] == "2026-03-02T07:30:00+01:00"
    assert (morning["pain"], morning["note"], morning["session_id"]) == ("6", "stiff", "")
    assert {r["kind"] for r in files["pain_logs.csv"]} == {"morning", "before", "after"}
    (stopped,) = files["sessions.csv"]
    assert stopped == {
        "id": str(session.pk),
        "started": "2026-03-02T18:00:00+01:00",
        "ended": "2026-03-02T18:10:00+01:00",
        "status": "stopped",
        "stop_reason": "cramp",
        "stop_note": "calf",
        "pain_over_2_hours": "yes",
    }
    (peg,) = files["weekly_checkins.csv"]
    assert (peg["pain"], peg["enjoyment"], peg["activity"], peg["score"]) == ("6", "5", "7", "6.00")
    assert peg["time"] == "2026-03-02T07:30:00+01:00"


def test_it_leaves_out_records_dated_after_the_export(client_alice, alice) -> None:
    make_log(alice, 2, note="now")
    make_log(alice, 3, at=timezone.now() + timedelta(hours=2), note="later")
    PegCheckin.objects.create(
        user=alice, pain=1, enjoyment=1, activity=1, checked_at=timezone.now() + timedelta(days=1)
    )
    files = read(client_alice.get(EXPORT))
    assert [r["note"] for r in files["pain_logs.csv"]] == ["now"]
    assert files["weekly_checkins.csv"] == []


def test_it_exports_only_the_owners_rows(client_alice, alice, bob) -> None:
    make_log(alice, 2, note="alice")
    make_log(bob, 8, note="bob")
    make_session(bob, at=datetime(2026, 3, 2, tzinfo=UTC))
    PegCheckin.objects.create(user=bob, pain=6, enjoyment=5, activity=7)
    files = read(client_alice.get(EXPORT))
    assert [r["note"] for r in files["pain_logs.csv"]] == ["alice"]
    assert files["sessions.csv"] == files["weekly_checkins.csv"] == []


def test_it_exports_the_walk_ticks_in_local_time(client, carla, bob) -> None:
    ticked = datetime(2026, 3, 2, 18, 5, tzinfo=UTC)
    mine = WalkLog.objects.create(user=carla, day=date(2026, 3, 2), created_at=ticked)
    WalkLog.objects.create(user=bob, day=date(2026, 3, 2), created_at=ticked)
    client.force_login(carla)
    (row,) = read(client.get(EXPORT))["walks.csv"]
    assert row == {"id": str(mine.pk), "day": "2026-03-02", "time": "2026-03-02T19:05:00+01:00"}


def test_it_defuses_spreadsheet_formulas_in_notes(client_alice, alice) -> None:
    make_log(alice, 2, note="=HYPERLINK(1)")
    (row,) = read(client_alice.get(EXPORT))["pain_logs.csv"]
    assert row["note"] == "'=HYPERLINK(1)"


def test_it_records_the_export_in_the_audit_log(client_alice, alice) -> None:
    client_alice.get(EXPORT)
    assert AuditEvent.objects.filter(user=alice, action="export").count() == 1


def test_it_needs_login(client) -> None:
    assert client.get(EXPORT).status_code == 302
