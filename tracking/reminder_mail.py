"""Sending the reminder emails that are due: called by `manage.py send_reminders`,
and the one email that confirms a reminder address before any reminder goes to it.

Each email is claimed (a unique row per person, reminder and local day) before it
is sent, so two runs that overlap send it once. An email that fails to send gives
its claim back, so the next run within the sending window tries again.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, tzinfo

from django.core.mail import EmailMessage, send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from config.emails import VERIFY_MAX_AGE, address_token, read_address_token
from screening.records import standing_for
from tracking.log_writes import morning_log_on
from tracking.models import ReminderSent, ReminderSettings
from tracking.reminders import SESSION_REMINDERS, TITLES, Due, Reminder, allowed, due_reminders

logger = logging.getLogger(__name__)


def send_due_reminders(*, now: datetime, base_url: str) -> int:
    """Send every reminder due at `now`; returns how many emails went out."""
    # What earlier runs sent, read once: a run every few minutes then costs one
    # query per person with something still to send, not a standing each.
    sent = set(
        ReminderSent.objects.filter(day__gte=now.date() - timedelta(days=2)).values_list(
            "user_id", "reminder", "day"
        )
    )
    people = ReminderSettings.objects.emailing()
    return sum(_send_for(stored, now, base_url, sent) for stored in people)


def _send_for(
    stored: ReminderSettings, now: datetime, base_url: str, sent: set[tuple[int, str, date]]
) -> int:
    zone = stored.zone
    due = tuple(
        d
        for d in due_reminders(stored.times, now=now, zone=zone)
        if (stored.user_id, d.reminder.value, d.day) not in sent
    )
    if any(d.reminder in SESSION_REMINDERS for d in due):
        # Asked only when a session reminder is due: the standing costs a few queries.
        due = allowed(due, may_stretch=standing_for(stored.user, now, zone).may_stretch)
    # Nobody is asked how their back is this morning once they have said.
    due = tuple(
        d
        for d in due
        if d.reminder is not Reminder.MORNING_LOG
        or morning_log_on(stored.user_id, d.day, stored.zone) is None
    )
    count = 0
    for reminder in due:
        claimed = ReminderSent.claim(stored.user, reminder, now)
        if claimed is None:  # another run has it
            continue
        row, token = claimed
        try:
            _message(stored, reminder, token, base_url, zone).send()
        except Exception:
            row.delete()
            logger.exception(
                "Reminder email to user %s failed; it will be tried again.", row.user_id
            )
            continue
        count += 1
    return count


def _message(
    stored: ReminderSettings, due: Due, token: str, base_url: str, zone: tzinfo
) -> EmailMessage:
    is_session = due.reminder in SESSION_REMINDERS
    unsubscribe_url = base_url + reverse("tracking:reminders-unsubscribe", args=[token])
    context = {
        "is_session": is_session,
        "at": due.at.astimezone(zone).time(),  # the wall-clock time, not converted again
        "open_url": base_url + reverse("tracking:today" if is_session else "tracking:log"),
        "reminders_url": base_url + reverse("tracking:reminders"),
        "unsubscribe_url": unsubscribe_url,
    }
    return EmailMessage(
        subject=TITLES[due.reminder],
        body=render_to_string("email/reminder.txt", context),
        to=[stored.email],
        headers={
            # One-click unsubscribe from the mail client itself (RFC 8058).
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


CONFIRM_SALT = "limber.reminder-email"
CONFIRM_MAX_AGE = VERIFY_MAX_AGE  # the same week as the account's own address


def confirmation_token(stored: ReminderSettings) -> str:
    return address_token(stored.user_id, stored.email, CONFIRM_SALT)


def read_confirmation(token: str) -> tuple[ReminderSettings, str] | None:
    """The settings and address a genuine, recent link was made for; None otherwise."""
    found = read_address_token(token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    if found is None:
        return None
    user_id, email = found
    stored = ReminderSettings.objects.filter(user_id=user_id).first()
    if stored is None or stored.email != email:
        return None  # the address has changed since: this link is for no one now
    return stored, email


def send_confirmation(request: HttpRequest, stored: ReminderSettings) -> None:
    """Ask the owner of the reminder address to confirm it: no health words in it."""
    link = request.build_absolute_uri(
        reverse("tracking:reminders-confirm", args=[confirmation_token(stored)])
    )
    days = CONFIRM_MAX_AGE // (24 * 60 * 60)
    body = render_to_string("email/reminder_confirm.txt", {"link": link, "days": days})
    send_mail("Confirm your address for Limber reminders", body, None, [stored.email])
