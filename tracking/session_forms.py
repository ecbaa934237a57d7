"""Forms for the guided session: they validate and normalise, the flow decides."""

from __future__ import annotations

from django import forms

from tracking import session_flow as flow
from tracking.session_advice import STOP_ADVICE

PAIN_MESSAGE = "Choose a whole number from 0 (no pain) to 10 (worst imaginable)."
PAIN_CHOICES = [(str(n), str(n)) for n in range(flow.PAIN_MIN, flow.PAIN_MAX + 1)]
# What each end of the 0-10 scale means, shown beside the end buttons.
PAIN_ANCHORS = {flow.PAIN_MIN: "No pain", flow.PAIN_MAX: "Worst imaginable"}


class AnswerForm(forms.Form):
    """The two fields every session POST carries: the screen it answers and what to do.

    Anything unreadable here means "not an answer to the current screen", so
    the view changes nothing and shows the current screen again.
    """

    position = forms.IntegerField(min_value=0)
    action = forms.ChoiceField(choices=[(a.value, a.value) for a in flow.Action])

    def event_parts(self) -> tuple[int, flow.Action] | None:
        if not self.is_valid():
            return None
        return self.cleaned_data["position"], flow.Action(self.cleaned_data["action"])


class PainForm(forms.Form):
    pain = forms.TypedChoiceField(
        label="How much pain do you have right now?",
        choices=PAIN_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": PAIN_MESSAGE, "invalid_choice": PAIN_MESSAGE},
    )


class StopForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are you stopping?",
        choices=[(r.value, advice.label) for r, advice in STOP_ADVICE.items()],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the reason that fits best, so we can tell you what to do next.",
            "invalid_choice": "Choose one of the reasons listed.",
        },
    )
    note = forms.CharField(
        label="What happened? (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_note(self) -> str:
        return self.cleaned_data["note"].strip()


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
