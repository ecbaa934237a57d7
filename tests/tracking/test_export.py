"""CSV export: one file, documented columns, the person's time zone, only their rows."""

import csv
import io
import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from config.models import AuditEvent
from tests.tracking.builders import make_log, make_session
from tracking.export import COLUMNS
from tracking.models import PegCheckin, StopSignal, WalkLog

pytestmark = pytest.mark.django_db

EXPORT = reverse("tracking:export")


def read(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.fixture
def carla(make_user):
    return make_user("carla", time_zone="Europe/Berlin")


def test_it_downloads_a_csv_file(client_alice) -> None:
    response = client_alice.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="limber-')
    assert read(response) == []


def test_it_has_the_documented_columns(client_alice) -> None:
    body = b"".join(client_alice.get(EXPORT).streaming_content).decode()
    header = body.splitlines()[0].split(",")
    assert header == COLUMNS
    # Every column is explained on the page the dashboard links to, and nothing else is.
    dashboard = client_alice.get(reverse("tracking:dashboard")).content.decode()
    assert f'href="{reverse("tracking:export-columns")}"' in dashboard
    page = client_alice.get(reverse("tracking:export-columns")).content.decode()
    columns = page.split('<dl class="columns">', 1)[1].split("</dl>", 1)[0]
    documented = {
        name.strip() for term in re.findall(r"<dt>(.*?)</dt>", columns) for name in term.split(",")
    }
    assert documented == set(header)


def test_it_exports_logs_sessions_and_check_ins_in_local_time(client, carla) -> None:
    at = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)
    make_log(carla, 6, at=at, note="stiff")
    session = make_session(
        carla, at=datetime(2026, 3, 2, 17, 0, tzinfo=UTC), before=5, after=3, status="stopped"
    )
    StopSignal.objects.create(
        session=session, reason="cramp", step_number=2, created_at=at, note="calf"
    )
    PegCheckin.objects.create(user=carla, pain=6, enjoyment=5, activity=7, checked_at=at)
    client.force_login(carla)
    rows = read(client.get(EXPORT))
    by_record = {}
    for row in rows:
        by_record.setdefault(row["record"], []).append(row)
    morning = next(r for r in by_record["pain_log"] if r["kind"] == "morning")
    assert morning["time"] == "2026-03-02T07:30:00+01:00"
    assert (morning["pain"], morning["note"], morning["session_id"]) == ("6", "stiff", "")
    assert {r["kind"] for r in by_record["pain_log"]} == {"morning", "before", "after"}
    (stopped,) = by_record["session"]
    assert stopped["kind"] == "stopped"
    assert stopped["stop_reason"] == "cramp"
    assert stopped["time"] == "2026-03-02T18:00:00+01:00"
    assert stopped["ended"] == "2026-03-02T18:10:00+01:00"
    (peg,) = by_record["peg_checkin"]
    assert (peg["pain"], peg["peg_pain"], peg["peg_enjoyment"], peg["peg_activity"]) == (
        "6.00",
        "6",
        "5",
        "7",
    )


def test_it_exports_only_the_owners_rows(client_alice, alice, bob) -> None:
    make_log(alice, 2, note="alice")
    make_log(bob, 8, note="bob")
    make_session(bob, at=datetime(2026, 3, 2, tzinfo=UTC))
    PegCheckin.objects.create(user=bob, pain=6, enjoyment=5, activity=7)
    rows = read(client_alice.get(EXPORT))
    assert [(r["record"], r["note"]) for r in rows] == [("pain_log", "alice")]


def test_it_exports_the_walk_ticks_in_local_time(client, carla, bob) -> None:
    ticked = datetime(2026, 3, 2, 18, 5, tzinfo=UTC)
    mine = WalkLog.objects.create(user=carla, day=date(2026, 3, 2), created_at=ticked)
    WalkLog.objects.create(user=bob, day=date(2026, 3, 2), created_at=ticked)
    client.force_login(carla)
    (row,) = read(client.get(EXPORT))
    assert row == {
        **dict.fromkeys(COLUMNS, ""),
        "record": "walk",
        "id": str(mine.pk),
        "time": "2026-03-02T19:05:00+01:00",
    }


def test_it_defuses_spreadsheet_formulas_in_notes(client_alice, alice) -> None:
    make_log(alice, 2, note="=HYPERLINK(1)")
    (row,) = read(client_alice.get(EXPORT))
    assert row["note"] == "'=HYPERLINK(1)"


def test_it_records_the_export_in_the_audit_log(client_alice, alice) -> None:
    client_alice.get(EXPORT)
    assert AuditEvent.objects.filter(user=alice, action="export").count() == 1


def test_it_needs_login(client) -> None:
    assert client.get(EXPORT).status_code == 302
