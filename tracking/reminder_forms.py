"""The reminders form: times in the person's own zone, and email on or off."""

from __future__ import annotations

from datetime import time

from django import forms

from config.forms import FocusFirstError
from tracking.models import ReminderSettings

TIME_MESSAGE = "Enter a time of day, like 09:00 in the morning or 18:30 in the evening."

# What the page suggests before a person has chosen (nothing is stored until they save).
SUGGESTED = {"morning_log": time(8, 0), "first_session": time(9, 0), "second_session": time(18, 0)}


class ReminderTimeField(forms.TimeField):
    widget = forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    default_error_messages = {"invalid": TIME_MESSAGE}

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, input_formats=["%H:%M", "%H:%M:%S"], **kwargs)

    def clean(self, value: object) -> time | None:
        at = super().clean(value)
        # Reminders are to the minute.
        return at.replace(second=0, microsecond=0) if at else None


class ReminderForm(FocusFirstError, forms.ModelForm):
    morning_log = ReminderTimeField(
        label="Morning log", help_text="Leave empty for no morning reminder."
    )
    first_session = ReminderTimeField(
        label="Stretch session", help_text="Leave empty for no session reminder."
    )
    second_session = ReminderTimeField(
        label="Second stretch session (optional)",
        help_text="If you do two sessions a day.",
    )
    email_on = forms.BooleanField(required=False, label="Also send me an email at these times")
    email = forms.EmailField(
        required=False,
        label="Email address",
        error_messages={"invalid": "Enter an email address like name@example.com."},
    )

    class Meta:
        model = ReminderSettings
        fields = ["morning_log", "first_session", "second_session", "email_on", "email"]

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, object]:
        data = super().clean()
        first, second = data.get("first_session"), data.get("second_session")
        if second and not first:
            # One session time goes in the first box.
            data["first_session"], data["second_session"] = second, None
        elif first and second and first == second:
            self.add_error("second_session", "Choose a different time from your first session.")
        if data.get("email_on") and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter the email address for your reminders.")
        return data
