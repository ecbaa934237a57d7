"""Forms for pain logs, PEG-3 check-ins and deleting one's data.

They validate and normalise: the time is read in the person's time zone and
must lie between sign-up and now; views decide what happens next.
"""

from __future__ import annotations

from datetime import datetime
from datetime import time as clock
from functools import cached_property
from typing import Any

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from config.forms import FocusFirstError
from tracking.log_writes import issue_once
from tracking.models import PAIN_MAX, PAIN_MIN, PainLog, PegCheckin
from tracking.models.logs import NOTE_MAX

PAIN_CHOICES = [(n, str(n)) for n in range(PAIN_MIN, PAIN_MAX + 1)]
PAIN_ERRORS = {
    "required": "Choose a number from 0 (no pain) to 10 (worst pain you can imagine).",
    "invalid_choice": "Pain is a whole number from 0 to 10. Choose one of the numbers.",
}
# Phones and laptops disagree about the time by a few seconds; a log "now" must not fail.
CLOCK_SLACK_SECONDS = 120
# The quick log asks about "this morning" until noon, local time, and about "now" after.
MORNING_ENDS = clock(12)


def is_morning(local: datetime) -> bool:
    """Whether a local wall-clock time is still morning for the quick log."""
    return local.time() < MORNING_ENDS


def kind_at(local: datetime) -> PainLog.Kind:
    """The kind of a log made at a local wall-clock time: morning pain until noon,
    pain at another time after. The quick log saves it; the full form starts on it."""
    return PainLog.Kind.MORNING if is_morning(local) else PainLog.Kind.OTHER


def pain_field(
    label: str, help_text: str = "", required: str = PAIN_ERRORS["required"]
) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=PAIN_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={**PAIN_ERRORS, "required": required},
        help_text=help_text,
    )


class RangeCheckedInDatabase:
    """Skips the model's 0-10 check constraints during form validation.

    Each would cost a database round trip per save for a value the form's
    choices already hold to 0-10; the constraints themselves still refuse
    anything else at the database.
    """

    def validate_constraints(self) -> None:
        return None


class PainLogForm(FocusFirstError, RangeCheckedInDatabase, forms.ModelForm):
    pain = pain_field(
        "How much pain do you have?", "0 is no pain, 10 is the worst you can imagine."
    )
    kind = forms.ChoiceField(
        label="When is this?",
        choices=[(k.value, k.label) for k in PainLog.MANUAL_KINDS],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose morning, evening or other time."},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Up to {NOTE_MAX} characters, for example what you were doing.",
        error_messages={
            "max_length": "Keep the note to %(limit_value)d characters or fewer "
            "(it has %(show_value)d)."
        },
    )
    logged_at = forms.DateTimeField(
        label="Time",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        help_text="Leave as it is for now, or change it to log a time you missed.",
        error_messages={"invalid": "Enter a date and time, for example 2026-03-02 07:30."},
    )

    class Meta:
        model = PainLog
        fields = ["pain", "kind", "note", "logged_at"]

    def __init__(self, *args: Any, user: AbstractBaseUser, now: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.now = now
        if self.instance.pk is None:
            self.initial.setdefault("logged_at", timezone.localtime(now).replace(second=0))
            self.initial.setdefault("kind", kind_at(timezone.localtime(now)))
        else:
            self.initial["logged_at"] = timezone.localtime(self.instance.logged_at)
            self.fields[
                "logged_at"
            ].help_text = "When this pain was. Change it if the time is wrong."
        if self.instance.from_session:
            # Before/after logs belong to their session: only the number and note change.
            del self.fields["kind"]

    @cached_property
    def once(self) -> str:
        """Carried by the page, so that a replayed Save is recognised (tracking.log_writes)."""
        return self.data.get("once") or issue_once(self.now)

    def clean_logged_at(self) -> datetime:
        moment = self.cleaned_data.get("logged_at")
        if moment is None:
            return self.instance.logged_at if self.instance.pk else self.now
        if (moment - self.now).total_seconds() > CLOCK_SLACK_SECONDS:
            raise forms.ValidationError("That time is in the future. Choose a time up to now.")
        joined = getattr(self.user, "date_joined", None)
        # Minute precision in the field: allow the minute of sign-up itself.
        if joined is not None and moment < joined.replace(second=0, microsecond=0):
            joined_text = timezone.localtime(joined).strftime("%-d %B %Y, %H:%M")
            raise forms.ValidationError(
                f"That time is before you joined Limber ({joined_text}). Choose a later time."
            )
        return moment

    def save(self, commit: bool = True) -> PainLog:
        self.instance.user = self.user
        return super().save(commit=commit)


class QuickLogForm(PainLogForm):
    """The one-tap log: morning pain before noon (local time), pain "now" after.

    The kind follows the person's clock when the form is posted, not a field
    in the page, so a page left open overnight still logs the right kind.
    """

    class Meta(PainLogForm.Meta):
        fields = ["pain"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Own ids, so the quick form can sit on a page beside the full one.
        kwargs.setdefault("auto_id", "quick-%s")
        super().__init__(*args, **kwargs)
        self.kind = kind_at(timezone.localtime(self.now))
        self.morning = self.kind is PainLog.Kind.MORNING
        self.heading = "Log morning pain" if self.morning else "Log your pain now"
        self.button = "Save morning pain" if self.morning else "Save pain now"
        self.fields["pain"].label = (
            "How is your back this morning?" if self.morning else "How is your back now?"
        )
        del self.fields["kind"], self.fields["note"], self.fields["logged_at"]

    def save(self, commit: bool = True) -> PainLog:
        self.instance.logged_at = self.now
        self.instance.kind = self.kind
        return super().save(commit=commit)


# PEG-3's second and third questions: how much pain got in the way, not how much pain.
INTERFERENCE_SCALE = "0 is not at all, 10 is completely."
INTERFERENCE_REQUIRED = "Choose a number from 0 (not at all) to 10 (completely)."


class PegForm(FocusFirstError, RangeCheckedInDatabase, forms.ModelForm):
    """PEG-3, worded plainly. source="Krebs et al. 2009, J Gen Intern Med 24:733" """

    pain = pain_field(
        "In the past week, what was your pain on average?",
        "0 is no pain, 10 is the worst you can imagine.",
    )
    enjoyment = pain_field(
        "In the past week, how much did pain get in the way of enjoying life?",
        INTERFERENCE_SCALE,
        INTERFERENCE_REQUIRED,
    )
    activity = pain_field(
        "In the past week, how much did pain get in the way of your usual activities?",
        INTERFERENCE_SCALE,
        INTERFERENCE_REQUIRED,
    )

    class Meta:
        model = PegCheckin
        fields = ["pain", "enjoyment", "activity"]
