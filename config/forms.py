import unicodedata
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    UserCreationForm,
)
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest

from screening.countries import CHOICES, COUNTRIES

from .models import Profile
from .time_zone_field import TimeZoneField

# "Another country" is stored as "" (the fallback advice) but needs a value of
# its own in the select, so that choosing it differs from choosing nothing.
ANOTHER_COUNTRY = "other"

_ZONES_BY_CODE = {country.code: " ".join(country.time_zones) for country in COUNTRIES}


class CountrySelect(forms.Select):
    """A select whose options carry their time zones when the browser is to
    propose one (``data-country="suggest"``); see static/js/app.js."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if self.attrs.get("data-country") == "suggest" and value in _ZONES_BY_CODE:
            option["attrs"]["data-zones"] = _ZONES_BY_CODE[value]
        return option


class CountryField(forms.ChoiceField):
    """Which country the person lives in, for the emergency number they are given."""

    widget = CountrySelect
    default_error_messages = {
        "required": "Choose the country you live in, so that Limber gives you the right "
        "emergency number.",
        "invalid_choice": "Choose your country from the list. If it is not there, choose "
        "\u201cAnother country\u201d.",
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault(
            "choices",
            [("", "Choose your country"), *((code or ANOTHER_COUNTRY, n) for code, n in CHOICES)],
        )
        kwargs.setdefault("label", "Which country do you live in?")
        kwargs.setdefault(
            "help_text", "So that Limber gives you the right emergency number if you need it."
        )
        super().__init__(**kwargs)

    def clean(self, value: str) -> str:
        code = super().clean(value)
        return "" if code == ANOTHER_COUNTRY else code


# Names that could pass for Limber itself or its staff.
RESERVED_USERNAMES = frozenset(
    {
        "admin",
        "administrator",
        "root",
        "support",
        "limber",
        "staff",
        "help",
        "helpdesk",
        "security",
        "system",
        "moderator",
        "clinician",
        "doctor",
        "physio",
        "webmaster",
        "postmaster",
        "abuse",
        "noreply",
        "no-reply",
        "info",
        "contact",
        "team",
    }
)


def _script(character: str) -> str:
    # "CYRILLIC SMALL LETTER A" -> "CYRILLIC"; good enough to tell alphabets apart.
    return unicodedata.name(character, "UNKNOWN").split(" ", 1)[0]


def check_username(name: str) -> str:
    """NFKC-normalised `name`, or a ValidationError for a look-alike or reserved name."""
    name = unicodedata.normalize("NFKC", name)
    if len({_script(c) for c in name if c.isalpha()}) > 1:
        raise forms.ValidationError(
            "Use letters from one alphabet only, so that your name cannot be mistaken "
            "for someone else's."
        )
    if name.casefold().strip("0123456789._-+@") in RESERVED_USERNAMES:
        raise forms.ValidationError("That name is kept for Limber itself. Please choose another.")
    return name


class LoginForm(AuthenticationForm):
    remember = forms.BooleanField(required=False, label="Keep me signed in on this device")

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        minutes = settings.SESSION_IDLE_SECONDS // 60
        self.fields["remember"].help_text = (
            "Only on a device nobody else uses. Otherwise Limber logs you out "
            f"after {minutes} minutes without activity."
        )


def count_failed_password(request: HttpRequest, user) -> None:
    """A wrong password given to confirm an action counts like a failed log-in:
    it is audited, and after AXES_FAILURE_LIMIT of them axes locks the name out
    (it marks the request, and its middleware answers 429)."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )


class PasswordConfirmForm(forms.Form):
    """The person's password, to confirm something that cannot be undone."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to confirm."},
    )

    def __init__(self, *args, request: HttpRequest, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.request.user.check_password(password):
            count_failed_password(self.request, self.request.user)
            raise forms.ValidationError("That password is not right. Nothing was deleted.")
        return password


class CountedPasswordChangeForm(PasswordChangeForm):
    """Django's form; a wrong old password counts like a failed log-in."""

    def __init__(self, *args, request: HttpRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        try:
            return super().clean_old_password()
        except forms.ValidationError:
            count_failed_password(self.request, self.user)
            raise


class VerifiedPasswordResetForm(PasswordResetForm):
    """Sends reset links only to addresses their owner has confirmed."""

    def get_users(self, email: str):
        for user in super().get_users(email):
            if Profile.objects.filter(user=user, email_verified=True).exists():
                yield user


class FocusFirstError:
    """After a refused submit the focus goes to the first field with an error, not
    to the form's first field: a phone scrolls to it and a screen reader reads it."""

    fields: dict[str, forms.Field]
    _errors: Any

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        first = next((name for name in self.fields if name in (self._errors or ())), None)
        if first is None:
            return
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)
        self.fields[first].widget.attrs["autofocus"] = True


class SignUpForm(FocusFirstError, UserCreationForm):
    email = forms.EmailField(
        required=False,
        help_text="Optional. Only used if you forget your password, once you confirm it "
        "with the link we send.",
    )
    country = CountryField()
    time_zone = TimeZoneField(
        initial="Europe/London",
        help_text="So that your morning and evening logs land on the right day.",
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = (
            "A made-up name is best: Limber never needs your real name. "
            "Letters, digits and @ . + - _ only."
        )
        zone = self.fields["time_zone"]
        zone.widget.attrs["data-time-zone"] = "suggest"  # the browser proposes its own zone
        zone.offer(self.data.get("time_zone"))
        # ... and the country of that zone, unless the person has chosen one.
        self.fields["country"].widget.attrs["data-country"] = "suggest"

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_username(self) -> str | None:
        self.cleaned_data["username"] = check_username(self.cleaned_data.get("username", ""))
        return super().clean_username()  # refuses a name taken in any letter case

    def clean_email(self) -> str:
        # Never checked against other accounts here: the answer would tell
        # anyone whether an address belongs to someone with back pain.
        return self.cleaned_data.get("email", "").strip().lower()


class ProfileForm(forms.ModelForm):
    country = CountryField()
    time_zone = TimeZoneField()

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].offer(self.data.get("time_zone") or self.instance.time_zone)

    class Meta:
        model = Profile
        fields = ("country", "time_zone")
