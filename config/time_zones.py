"""Choosing a time zone without sending all 600 of them to every phone."""

import zoneinfo
from functools import cache

from django import forms

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


class TimeZoneField(forms.ChoiceField):
    """A select of common zones that also accepts any valid IANA zone name."""

    default_error_messages = {
        "invalid_choice": "Choose your time zone from the list (for example Europe/London).",
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("choices", [(name, label(name)) for name in COMMON_TIME_ZONES])
        kwargs.setdefault("label", "Time zone")
        super().__init__(**kwargs)
        self.widget.attrs["data-time-zone"] = ""

    def valid_value(self, value: str) -> bool:
        return value in valid_time_zones()

    def offer(self, value: str | None) -> None:
        """Make sure the person's current zone is in the list they see."""
        if value and value in valid_time_zones() and value not in COMMON_TIME_ZONES:
            self.choices = [(value, label(value)), *self.choices]
