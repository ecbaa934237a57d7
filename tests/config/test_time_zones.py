"""A person's day in their own time zone: which day a moment is, and when a day begins."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from config.time_zones import local_day, start_of_day

LONDON = ZoneInfo("Europe/London")
BERLIN = ZoneInfo("Europe/Berlin")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
AUCKLAND = ZoneInfo("Pacific/Auckland")
KOLKATA = ZoneInfo("Asia/Kolkata")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("moment", "zone", "expected"),
    [
        (datetime(2026, 6, 10, 22, 15, tzinfo=UTC), BERLIN, date(2026, 6, 11)),
        (datetime(2026, 6, 10, 21, 59, tzinfo=UTC), BERLIN, date(2026, 6, 10)),
        (datetime(2026, 6, 10, 18, 45, tzinfo=UTC), KOLKATA, date(2026, 6, 11)),
        (datetime(2026, 6, 10, 18, 15, tzinfo=UTC), KOLKATA, date(2026, 6, 10)),
        (datetime(2026, 6, 11, 6, 0, tzinfo=UTC), LOS_ANGELES, date(2026, 6, 10)),
        (datetime(2026, 6, 10, 12, 0, tzinfo=UTC), AUCKLAND, date(2026, 6, 11)),
        # London's summer time: 23:00 UTC is already tomorrow in July, not in January
        (datetime(2026, 7, 1, 23, 0, tzinfo=UTC), LONDON, date(2026, 7, 2)),
        (datetime(2026, 1, 1, 23, 0, tzinfo=UTC), LONDON, date(2026, 1, 1)),
        # the nights the clocks change (29 March and 25 October 2026)
        (datetime(2026, 3, 29, 23, 30, tzinfo=UTC), LONDON, date(2026, 3, 30)),
        (datetime(2026, 10, 25, 23, 30, tzinfo=UTC), LONDON, date(2026, 10, 25)),
    ],
)
def test_local_day(moment: datetime, zone: ZoneInfo, expected: date) -> None:
    assert local_day(moment, zone) == expected


def test_local_day_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="aware"):
        local_day(datetime(2026, 3, 1, 12), UTC)


@pytest.mark.parametrize(
    ("day", "zone", "expected_utc"),
    [
        (date(2026, 3, 2), UTC, datetime(2026, 3, 2, 0, 0, tzinfo=UTC)),
        (date(2026, 3, 2), BERLIN, datetime(2026, 3, 1, 23, 0, tzinfo=UTC)),
        (date(2026, 3, 2), LOS_ANGELES, datetime(2026, 3, 2, 8, 0, tzinfo=UTC)),
        (date(2026, 3, 2), AUCKLAND, datetime(2026, 3, 1, 11, 0, tzinfo=UTC)),
        # the day the clocks go forward still begins in winter time, the next in summer time
        (date(2026, 3, 29), LONDON, datetime(2026, 3, 29, 0, 0, tzinfo=UTC)),
        (date(2026, 3, 30), LONDON, datetime(2026, 3, 29, 23, 0, tzinfo=UTC)),
        (date(2026, 10, 26), LONDON, datetime(2026, 10, 26, 0, 0, tzinfo=UTC)),
    ],
)
def test_start_of_day(day: date, zone: ZoneInfo, expected_utc: datetime) -> None:
    start = start_of_day(day, zone)
    assert start == expected_utc
    assert local_day(start, zone) == day


def test_the_day_helpers_need_nothing_from_django() -> None:
    """The trend maths are plain Python and read the local day from here."""
    probe = (
        "import sys, config.time_zones; print(sorted({m for m in sys.modules if 'django' in m}))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"
