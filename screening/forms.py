"""Forms check and tidy answers; the rules in rules.py decide what they mean."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms

from screening.models import Clearance
from screening.questions import MAX_AGE, MIN_AGE, Topic

CHOOSE_ONE = "Please choose one of the answers."
AGE_ERROR = f"Please type your age in years as a number, like 42 (from {MIN_AGE} to {MAX_AGE})."
TOO_YOUNG = (
    f"Limber is made for people aged {MIN_AGE} and over. For back pain in a child "
    "or a young teenager, please see a doctor or a physiotherapist."
)


class TopicForm(forms.Form):
    """The questions of one topic: radios for choices, a number for age."""

    def __init__(self, topic: Topic, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topic = topic
        for question in topic.questions:
            if question.is_number:
                field: forms.Field = forms.IntegerField(
                    label=question.text,
                    help_text=question.hint,
                    max_value=MAX_AGE,
                    error_messages={
                        "required": AGE_ERROR,
                        "invalid": AGE_ERROR,
                        "max_value": AGE_ERROR,
                    },
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": MIN_AGE}),
                )
            else:
                field = forms.ChoiceField(
                    label=question.text,
                    help_text=question.hint,
                    choices=[(c.value, c.label) for c in question.choices],
                    widget=forms.RadioSelect,
                    error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_ONE},
                )
            self.fields[question.key] = field

    def clean_age(self) -> int:
        age = self.cleaned_data["age"]
        if age < 1:  # not an age at all, so not a reason to talk about being too young
            raise forms.ValidationError(AGE_ERROR)
        if age < MIN_AGE:
            raise forms.ValidationError(TOO_YOUNG)
        return age


class ClearanceForm(forms.ModelForm):
    confirm = forms.BooleanField(
        label="They told me gentle stretching is safe for me now.",
        error_messages={"required": "Please tick this box to confirm what they told you."},
    )

    class Meta:
        model = Clearance
        fields = ["clinician_name", "clinician_role", "cleared_on", "note"]
        labels = {
            "clinician_name": "Who cleared you?",
            "clinician_role": "What is their job?",
            "cleared_on": "When did they clear you?",
            "note": "Anything they told you to do or avoid (optional)",
        }
        help_texts = {
            "clinician_name": "Their name, like Dr Patel or Sam Jones.",
            "note": "Up to 500 letters.",
        }
        widgets = {
            "clinician_role": forms.RadioSelect,
            "cleared_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        }

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_cleared_on(self) -> date:
        cleared_on: date = self.cleaned_data["cleared_on"]
        if cleared_on > self.today:
            raise forms.ValidationError("This date is in the future. Please check it.")
        if cleared_on < self.today - timedelta(days=30):
            raise forms.ValidationError(
                "This was more than 30 days ago. Please ask your GP or physio again, "
                "so the advice is up to date."
            )
        return cleared_on
