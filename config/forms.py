from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from .models import Profile
from .time_zones import TimeZoneField


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=False,
        help_text="Optional. Only used if you forget your password.",
    )
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
    time_zone = TimeZoneField()

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].offer(self.data.get("time_zone") or self.instance.time_zone)

    class Meta:
        model = Profile
        fields = ("time_zone",)
