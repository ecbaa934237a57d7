from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

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


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=False,
        help_text="Optional. Only used if you forget your password.",
    )
    country = CountryField()
    time_zone = TimeZoneField(
        initial="Europe/London",
        help_text="So that your morning and evening logs land on the right day.",
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        zone = self.fields["time_zone"]
        zone.widget.attrs["data-time-zone"] = "suggest"  # the browser proposes its own zone
        zone.offer(self.data.get("time_zone"))
        # ... and the country of that zone, unless the person has chosen one.
        self.fields["country"].widget.attrs["data-country"] = "suggest"

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data.get("email", "").strip().lower()
        if email and get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email already exists. Try logging in."
            )
        return email


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
