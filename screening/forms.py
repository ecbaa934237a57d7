"""Forms check and tidy answers; the rules in rules.py decide what they mean."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from screening.models import AnswerChange, AssessmentRecord, Clearance, SafetyStop
from screening.questions import MAX_AGE, MIN_AGE, Topic

CHOOSE_ONE = "Please choose one of the answers."
AGE_ERROR = f"Please type your age in years as a number, like 42 (from {MIN_AGE} to {MAX_AGE})."
TOO_YOUNG = (
    f"Limber is made for people aged {MIN_AGE} and over. For back pain in a child "
    "or a young teenager, please see a doctor or a physiotherapist."
)


class TopicForm(forms.Form):
    """The questions of one topic: radios for choices, a number for age."""

    def __init__(
        self, topic: Topic, *args: Any, fixed: frozenset[str] = frozenset(), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.topic = topic
        for question in topic.questions:
            if question.key in fixed:
                continue  # answered already in this check; shown, not asked again
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


STILL_CHOICES = [("yes", "Yes, it is still there"), ("no", "No, not any more")]
WHY_REQUIRED = "Please say why your answer has changed."
SETTLED_CHOICES = [("settled", "Yes, it has settled"), ("not-settled", "No, not yet")]


class RecallForm(forms.Form):
    """The first step of a new check: earlier positive answers, and a session stop.

    A change from "yes" to "no" needs a reason, which is stored with the result.
    """

    def __init__(
        self, items: list[dict[str, Any]], stop: SafetyStop | None, *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        self.stop = stop
        for item in items:
            key = item["key"]
            self.fields[f"still_{key}"] = forms.ChoiceField(
                label="Is that still the case?",
                choices=STILL_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_ONE},
            )
            self.fields[f"why_{key}"] = forms.ChoiceField(
                label="If not, why has it changed?",
                choices=AnswerChange.Reason.choices,
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": CHOOSE_ONE},
            )
        if stop is not None:
            self.fields["stop_settled"] = forms.ChoiceField(
                label="Has it settled?",
                choices=SETTLED_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_ONE},
            )

    def rows(self) -> list[dict[str, Any]]:
        """Each earlier answer with its two bound fields, for the template."""
        return [
            {**item, "still": self[f"still_{item['key']}"], "why": self[f"why_{item['key']}"]}
            for item in self.items
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for item in self.items:
            key = item["key"]
            if cleaned.get(f"still_{key}") == "no" and not cleaned.get(f"why_{key}"):
                self.add_error(f"why_{key}", WHY_REQUIRED)
        return cleaned


def _date_between(value: date, earliest: date, today: date, before_words: str) -> date:
    if value > today:
        raise forms.ValidationError("This date is in the future. Please check it.")
    if value < earliest:
        raise forms.ValidationError(
            f"This date is before {before_words} on {earliest:%-d %B %Y}. Please check it."
        )
    return value


class AssessmentForm(forms.ModelForm):
    place = forms.ChoiceField(
        label="Where were you seen?",
        choices=AssessmentRecord.Place.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_ONE},
    )

    class Meta:
        model = AssessmentRecord
        fields = ["place", "seen_on", "seen_by"]
        labels = {
            "seen_on": "When were you seen?",
            "seen_by": "Who saw you? (optional)",
        }
        help_texts = {"seen_by": "Their name or job, like Dr Patel or the emergency doctor."}
        widgets = {"seen_on": forms.DateInput(attrs={"type": "date"})}
        error_messages = {"seen_on": {"required": "Please give the date you were seen."}}

    def __init__(self, *args: Any, today: date, earliest: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.earliest = earliest

    def clean_seen_on(self) -> date:
        return _date_between(
            self.cleaned_data["seen_on"], self.earliest, self.today, "the answers you gave"
        )


class ClearanceForm(forms.ModelForm):
    # Only real roles as choices: no empty "select an option" radio.
    clinician_role = forms.ChoiceField(
        label="What is their job?",
        choices=Clearance.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_ONE},
    )
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

    def __init__(self, *args: Any, today: date, earliest: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.earliest = earliest

    def clean_cleared_on(self) -> date:
        return _date_between(
            self.cleaned_data["cleared_on"], self.earliest, self.today, "this safety check"
        )
