"""The time zone select: common zones first, any valid zone accepted."""

from django import forms

from config.time_zones import COMMON_TIME_ZONES, label, valid_time_zones


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
