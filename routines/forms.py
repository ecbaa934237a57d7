"""Forms for the library filter and the admin."""

from __future__ import annotations

from typing import Any

from django import forms

from routines import library_data as data
from routines.models import CAUTION_CHOICES, Stretch


class LibraryFilterForm(forms.Form):
    """Both filters are optional; an unknown value is an error, never a silent guess."""

    position = forms.ChoiceField(
        label="Position",
        required=False,
        choices=[("", "Any position"), *data.POSITIONS.items()],
    )
    targets = forms.ChoiceField(
        label="Works on",
        required=False,
        choices=[("", "Anything"), *data.TARGETS.items()],
    )

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


# The editor's fields in the groups the admin shows them in (its fieldsets).
STRETCH_GROUPS: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    (None, ("name", "slug", "kind", "position", "targets", "summary")),
    ("Doing it", ("breathing_cue", "per_side", "default_hold_seconds", "default_reps")),
    (
        "Where it fits in a plan",
        (
            "min_stage",
            "variation_of",
            "priority",
            "excluded_by",
            "preferred_by",
            "double_knee",
            "rocking",
            "flexion",
        ),
    ),
    ("Picture and source", ("picture", "picture_alt", "source")),
)


class StretchAdminForm(forms.ModelForm):
    """Caution codes as tick boxes, so the editor never types a code by hand."""

    excluded_by = forms.MultipleChoiceField(
        choices=CAUTION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave the stretch out for people with these cautions.",
    )
    preferred_by = forms.MultipleChoiceField(
        choices=CAUTION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Pick the stretch first for people with these cautions.",
    )

    class Meta:
        model = Stretch
        fields = [name for _, group in STRETCH_GROUPS for name in group]


class SessionsChoiceForm(forms.Form):
    """How many sessions a day (a week at maintenance), within the stage's range."""

    sessions = forms.TypedChoiceField(coerce=int, label="How often?", widget=forms.RadioSelect)

    def __init__(self, *args: Any, rule: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        per = "a week" if rule.per_week else "a day"
        self.fields["sessions"].choices = [
            (n, f"{_times(n)} {per}") for n in range(rule.sessions_min, rule.sessions_max + 1)
        ]
        self.fields["sessions"].error_messages["invalid_choice"] = (
            f"Choose between {rule.sessions_min} and {rule.sessions_max} sessions {per}."
        )
        self.offered = rule.sessions_max > rule.sessions_min


def _times(n: int) -> str:
    return {1: "Once", 2: "Twice"}.get(n, f"{n} times")
