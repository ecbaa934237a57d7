"""Reminders: the choices page, the calendar link and feed, and email unsubscribe.

The feed and the unsubscribe page answer to a token, not a login: a calendar app
or a mail client cannot sign in. Unknown and switched-off tokens are a 404 alike.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import throttle
from screening.records import standing_for
from tracking import reminder_mail
from tracking.calendar_feed import Links, build_feed
from tracking.models import ReminderSent, ReminderSettings
from tracking.reminder_forms import SUGGESTED, ReminderForm

# Confirmation links sent to one address (config.throttle).
LINK_SCOPE = "reminder-address"


def _settings_of(request: HttpRequest) -> ReminderSettings | None:
    return ReminderSettings.objects.filter(user=request.user).first()


def _stored_settings(request: HttpRequest) -> ReminderSettings:
    """For a POST: the person's settings, made on first use with the times the page
    suggested (a calendar link made before saving any times still has events)."""
    found, _ = ReminderSettings.objects.get_or_create(user=request.user, defaults=SUGGESTED)
    return found


def _page(
    request: HttpRequest,
    stored: ReminderSettings | None,
    form: ReminderForm | None = None,
    new_calendar_url: str = "",
) -> HttpResponse:
    if form is None:
        form = _form(request, stored)
    context = {
        "form": form,
        "reminder_settings": stored,
        "new_calendar_url": new_calendar_url,
        # Calendar apps open a webcal: address as a subscription to it (the usual
        # name for an iCalendar feed served over HTTP or HTTPS).
        "subscribe_url": re.sub(r"^https?:", "webcal:", new_calendar_url),
    }
    return render(request, "tracking/reminders.html", context)


def _form(request: HttpRequest, stored: ReminderSettings | None, data=None) -> ReminderForm:
    if stored is None:  # nothing stored until the person saves: suggest times
        initial = {**SUGGESTED, "email": request.user.email}
        return ReminderForm(data, instance=ReminderSettings(user=request.user), initial=initial)
    return ReminderForm(
        data, instance=stored, initial={"email": stored.email or request.user.email}
    )


@login_required
@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest) -> HttpResponse:
    stored = _settings_of(request)
    if request.method == "GET":
        return _page(request, stored)
    # Read before the form, which writes what was posted onto the instance.
    asked = (stored.email, stored.email_on) if stored is not None else None
    form = _form(request, stored, request.POST)
    if not form.is_valid():
        return _page(request, stored, form)
    # update_or_create: a double-tapped first Save makes one row, not an error.
    changes = {**form.cleaned_data, "updated_at": timezone.now()}
    stored, _ = ReminderSettings.objects.update_or_create(user=request.user, defaults=changes)
    messages.success(request, "Your reminder times are saved.")
    if stored.awaiting_confirmation:
        # A link goes when email is turned on or the address changes; saving new
        # times meanwhile sends none ("Send the link again" does).
        _confirm_address(request, stored, send=asked != (stored.email, True))
    return redirect("tracking:reminders")


@login_required
@require_POST
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    """The "Send the link again" button, while reminders wait for an address to be confirmed."""
    stored = _settings_of(request)
    if stored is not None and stored.awaiting_confirmation:
        _confirm_address(request, stored, send=True)
    return redirect("tracking:reminders")


def _confirm_address(request: HttpRequest, stored: ReminderSettings, *, send: bool) -> None:
    """Reminders go only to an address its owner confirmed: the account's own
    confirmed address is; any other is sent a link first (``send``), a few an
    hour at most, so the page cannot be used to fill a stranger's inbox."""
    profile = getattr(request.user, "profile", None)
    if stored.email == request.user.email and profile is not None and profile.email_verified:
        stored.confirm_email(stored.email)
        return
    if not send:
        return
    if throttle.take(LINK_SCOPE, stored.email.casefold(), timezone.now()):
        messages.warning(
            request,
            f"No new link was sent: {stored.email} has had "
            f"{settings.LIMBER_THROTTLES[LINK_SCOPE]} in the last hour. "
            "Open the newest one, or ask again in an hour.",
        )
        return
    reminder_mail.send_confirmation(request, stored)
    messages.info(
        request,
        f"We sent a link to {stored.email}. Reminder emails start once you open it.",
    )


@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation email: GET asks, POST confirms (a GET never writes)."""
    found = reminder_mail.read_confirmation(token)
    if found is None:
        raise Http404("No such link.")
    stored, address = found
    confirmed = request.method == "POST" and stored.confirm_email(address)
    context = {"token": token, "address": address, "confirmed": confirmed}
    return render(request, "tracking/reminders_confirm.html", context)


@login_required
@require_POST
def calendar_link(request: HttpRequest) -> HttpResponse:
    stored = _stored_settings(request)
    token = stored.new_calendar_link(timezone.localdate())
    # Shown in this answer only: the link is never kept, only its hash.
    url = request.build_absolute_uri(reverse("tracking:calendar-feed", args=[token]))
    return _page(request, stored, new_calendar_url=url)


@login_required
@require_POST
def calendar_link_end(request: HttpRequest) -> HttpResponse:
    stored = _settings_of(request)
    if stored is not None and stored.has_calendar:
        stored.end_calendar_link()
    messages.success(
        request, "The calendar link is switched off. Calendars using it get nothing more."
    )
    return redirect("tracking:reminders")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    stored = ReminderSettings.objects.by_calendar_token(token)
    if stored is None or stored.calendar_since is None:
        raise Http404("No such calendar.")
    now = timezone.now()
    zone = stored.zone
    links = Links(
        today=request.build_absolute_uri(reverse("tracking:today")),
        log=request.build_absolute_uri(reverse("tracking:log")),
    )
    body = build_feed(
        stored.times,
        zone=zone,
        may_stretch=standing_for(stored.user, now, zone).may_stretch,
        since=stored.calendar_since,
        uid_base=stored.calendar_token_hash[:16],
        links=links,
        now=now,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="limber.ics"'
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


# A mail client's one-click unsubscribe (RFC 8058) posts without a CSRF token; the
# token in the address is what authorises the change, and it can only switch email off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    sent = ReminderSent.objects.by_unsubscribe_token(token)
    stored = getattr(sent.user, "reminder_settings", None) if sent else None
    if stored is None:
        raise Http404("No such reminder.")
    if request.method == "POST" or not stored.email_on:
        already = not stored.email_on
        if not already:
            stored.stop_email(timezone.now())
        response = render(request, "tracking/reminders_unsubscribed.html", {"already": already})
    else:
        response = render(request, "tracking/reminders_unsubscribe.html", {"token": token})
    response["Referrer-Policy"] = "no-referrer"  # the token is in the address
    return response
