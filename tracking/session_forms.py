"""Forms for the guided session: they validate and normalise, the flow decides."""

from __future__ import annotations

from django import forms

from tracking import session_flow as flow
from tracking.models.session_records import NOTE_MAX
from tracking.session_advice import STOP_ADVICE

PAIN_MESSAGE = "Choose a whole number from 0 (no pain) to 10 (worst imaginable)."
PAIN_CHOICES = [(str(n), str(n)) for n in range(flow.PAIN_MIN, flow.PAIN_MAX + 1)]
# What each end of the 0-10 scale means: part of the end buttons' names for screen
# readers (the help line above the grid says it for everyone).
PAIN_ANCHORS = {flow.PAIN_MIN: "No pain", flow.PAIN_MAX: "Worst imaginable"}


class PainForm(forms.Form):
    pain = forms.TypedChoiceField(
        label="How much pain do you have right now?",
        choices=PAIN_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": PAIN_MESSAGE, "invalid_choice": PAIN_MESSAGE},
    )


NOTE_MESSAGE = "Keep the note to 500 characters or fewer."
YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes(value: str) -> bool:
    return value == "yes"


class StopForm(forms.Form):
    """Why the person stopped: every field optional, so nobody in pain meets an error.

    Only a reason that is not on the list, or an over-long note, comes back
    with a message. No reason at all is a stop for "your symptoms".
    """

    reason = forms.ChoiceField(
        label="What happened? (optional)",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the reasons listed, or none at all."},
    )
    note = forms.CharField(
        label="Anything else you want to note? (optional)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": NOTE_MESSAGE},
    )
    # The answer to "was it because of how your body felt?" (something else only).
    body = forms.TypedChoiceField(required=False, choices=YES_NO, coerce=_yes, empty_value=None)

    def __init__(self, *args: object, reasons: tuple[flow.StopReason, ...] = (), **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["reason"].choices = [(r.value, STOP_ADVICE[r].label) for r in reasons]

    def clean_note(self) -> str:
        return self.cleaned_data["note"].strip()

    def event(self, position: int) -> flow.Event:
        reason = self.cleaned_data["reason"]
        return flow.Event(
            position,
            flow.Action.STOP,
            reason=flow.StopReason(reason) if reason else flow.StopReason.UNSAID,
            note=self.cleaned_data["note"],
            yes=self.cleaned_data["body"],
        )


class SkipForm(forms.Form):
    """ "Because of pain?": one tap on Yes or No."""

    because_of_pain = forms.TypedChoiceField(
        choices=YES_NO, coerce=_yes, empty_value=None, required=False
    )


class OptionalPainForm(PainForm):
    """Pain after a stop: asked, never required."""

    pain = forms.TypedChoiceField(
        label="How much pain do you have right now? (optional)",
        choices=PAIN_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": PAIN_MESSAGE},
    )


class AfterEffectForm(forms.Form):
    lasted_over_2h = forms.TypedChoiceField(
        label="Did pain last more than 2 hours after your last session?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose Yes or No.",
            "invalid_choice": "Choose Yes or No.",
        },
    )
