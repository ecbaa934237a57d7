"""A person's time zone: the zones to offer, and the days it makes.

Plain Python, no Django: the trend maths may use it. A person's day is theirs,
not the server's; every "which day is this" and "when does that day begin" in
the apps comes from ``local_day`` and ``start_of_day`` here.
"""

import zoneinfo
from datetime import date, datetime, time, tzinfo
from functools import cache

# The zones most people need, west to east; any other valid zone is accepted
# too (the browser suggests the person's own, see static/js/app.js).
COMMON_TIME_ZONES = (
    "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver",
    "America/Phoenix", "America/Chicago", "America/Mexico_City", "America/New_York",
    "America/Bogota", "America/Lima", "America/Halifax", "America/Santiago",
    "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/St_Johns",
    "Atlantic/Reykjavik", "UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon",
    "Africa/Lagos", "Europe/Paris", "Europe/Madrid", "Europe/Berlin", "Europe/Rome",
    "Europe/Amsterdam", "Europe/Stockholm", "Europe/Warsaw", "Africa/Johannesburg",
    "Africa/Cairo", "Europe/Athens", "Europe/Helsinki", "Europe/Istanbul", "Africa/Nairobi",
    "Europe/Moscow", "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka",
    "Asia/Bangkok", "Asia/Singapore", "Asia/Hong_Kong", "Asia/Shanghai", "Australia/Perth",
    "Asia/Tokyo", "Asia/Seoul", "Australia/Adelaide", "Australia/Brisbane", "Australia/Sydney",
    "Pacific/Auckland",
)  # fmt: skip


@cache
def valid_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def label(name: str) -> str:
    return name.replace("_", " ")


def local_day(moment: datetime, zone: tzinfo) -> date:
    """The calendar day an aware moment falls on for someone in ``zone``."""
    if moment.tzinfo is None:
        raise ValueError("local_day needs an aware datetime")
    return moment.astimezone(zone).date()


def start_of_day(day: date, zone: tzinfo) -> datetime:
    """The first moment of ``day`` for someone in ``zone`` (midnight, local time)."""
    return datetime.combine(day, time.min, tzinfo=zone)
