"""Project-level pages: home, accounts and the health check."""

import sys

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from screening.records import request_standing
from screening.standing import State

from . import audit, throttle
from .emails import welcome_email
from .forms import (
    CountedPasswordChangeForm,
    LoginForm,
    ProfileForm,
    SignUpForm,
    VerifiedPasswordResetForm,
)
from .middleware import (
    DATABASE_ERRORS,
    end_session_if_locked_out,
    outage_response,
    remember_time_zone,
    start_session_clock,
)
from .models import AuditEvent, Profile
from .signins import end_other_sessions, record_sign_in


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home.html")
    # A person who must answer the safety questions answers them first.
    standing = request_standing(request)
    if standing.state is State.CHECK:
        return redirect("screening:start")
    # Today is home; a person who may not stretch now is told what to do instead.
    return redirect("tracking:today" if standing.may_stretch else "screening:standing")


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    if request.method == "POST" and throttle.take(
        "signup", throttle.ip_of(request), timezone.now()
    ):
        return throttle.refused(request)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        Profile.objects.create(
            user=user,
            time_zone=form.cleaned_data["time_zone"],
            country=form.cleaned_data["country"],
        )
        audit.record(request, AuditEvent.Action.SIGNUP, user=user)
        welcome_email(request, user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        remember_time_zone(request, form.cleaned_data["time_zone"])
        messages.success(
            request, "Welcome to Limber. First, a few questions to check it is safe for you."
        )
        return redirect("screening:start")
    return render(request, "registration/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    # A GET reads: a person without a profile row gets one when they save.
    profile_obj = Profile.objects.filter(user=request.user).first() or Profile(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile_obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        remember_time_zone(request, profile_obj.time_zone)
        messages.success(request, "Your country and time zone are saved.")
        return redirect("profile")
    return render(request, "registration/profile.html", {"form": form})


class LoginView(auth_views.LoginView):
    """Django's view, plus "Keep me signed in on this device"."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.cleaned_data.get("remember"):
            start_session_clock(self.request, remember=True)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view, plus: other devices are signed out, a wrong old password
    counts like a failed log-in, and it is audited."""

    form_class = CountedPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):
        end_session_if_locked_out(self.request)
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        # Changing the password gave this session a new key: note it, so that
        # logging out everywhere later ends this session too.
        record_sign_in(self.request, self.request.user)
        end_other_sessions(self.request.user, keep=self.request.session.session_key)
        audit.record(self.request, AuditEvent.Action.PASSWORD_CHANGE)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view; links go only to confirmed addresses, and requests are
    limited per client IP and per address (answered 429)."""

    form_class = VerifiedPasswordResetForm

    def post(self, request, *args, **kwargs):
        now = timezone.now()
        address = request.POST.get("email", "").strip().casefold()[:254]
        if throttle.take("password-reset", throttle.ip_of(request), now) or (
            address and throttle.take("reset-address", address, now)
        ):
            return throttle.refused(request)
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        end_other_sessions(form.user)
        audit.record(self.request, AuditEvent.Action.PASSWORD_RESET, user=form.user)
        return response


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For a load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # SessionMiddleware reports a session it could not save as a 400; when the
    # database went away mid-request that is an outage, so show the 503 page.
    seen: BaseException | None = exception
    while seen is not None:
        if isinstance(seen, DATABASE_ERRORS):
            return outage_response(request)
        seen = seen.__cause__ or seen.__context__
    return defaults.bad_request(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    # Called while the exception is being handled, so it can still be seen:
    # a database outage anywhere (middleware included) becomes the 503 page.
    exc = sys.exc_info()[1]
    if isinstance(exc, DATABASE_ERRORS):
        return outage_response(request)
    # Rendered without the request: the failure may lie in what the request needs.
    return HttpResponse(render_to_string("500.html"), status=500)


CUE_SWITCHES = {"sounds", "speech"}


@login_required
@require_POST
def cues(request: HttpRequest) -> HttpResponse:
    """Sounds and spoken cues on or off, kept for the person (sent by the session page)."""
    name, value = request.POST.get("name", ""), request.POST.get("value", "")
    if name not in CUE_SWITCHES or value not in {"on", "off"}:
        return HttpResponse("Choose sounds or speech, on or off.", status=400)
    Profile.objects.update_or_create(user=request.user, defaults={name: value})
    return HttpResponse(status=204)
