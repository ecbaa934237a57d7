"""A person's reminder choices, and the reminder emails already sent."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from tracking.reminders import Due, Reminder, ReminderTimes

from .logs import _hash_token

__all__ = ["ReminderSent", "ReminderSettings"]

TOKEN_MAX = 128


def _new_token() -> tuple[str, str]:
    """A raw token (256 bits) and the hash that is all we keep of it."""
    token = secrets.token_urlsafe(32)
    return token, _hash_token(token)


def _plausible(token: str) -> bool:
    return bool(token) and len(token) <= TOKEN_MAX


class ReminderSettingsQuerySet(models.QuerySet["ReminderSettings"]):
    def by_calendar_token(self, token: str) -> ReminderSettings | None:
        """The settings behind a live calendar link, or None (unknown or revoked alike)."""
        if not _plausible(token):
            return None
        found = self.select_related("user__profile")
        return found.filter(calendar_token_hash=_hash_token(token)).first()

    def emailing(self) -> ReminderSettingsQuerySet:
        """Active people who asked for email reminders to an address they confirmed."""
        found = self.filter(email_on=True, user__is_active=True, confirmed_email=F("email"))
        return found.exclude(email="").select_related("user__profile")


class ReminderSettings(models.Model):
    """When a person wants reminding, and how (calendar feed, email or both).

    Email is off until the person turns it on. The calendar link's token is
    shown once, when it is made; only its hash is kept.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    first_session = models.TimeField("first session", null=True, blank=True)
    second_session = models.TimeField("second session", null=True, blank=True)
    morning_log = models.TimeField("morning log", null=True, blank=True)
    email_on = models.BooleanField("email reminders", default=False)
    email = models.EmailField(blank=True)
    # The address whose owner opened the confirmation link (or the account's own
    # confirmed address): reminders go to ``email`` only while the two are the same.
    confirmed_email = models.EmailField(blank=True, editable=False)
    calendar_token_hash = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    calendar_hint = models.CharField(max_length=4, blank=True, editable=False)
    # The first day of the calendar's repeating events.
    calendar_since = models.DateField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ReminderSettingsQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "reminder settings"

    def __str__(self) -> str:
        return f"Reminders of {self.user}"

    @property
    def times(self) -> ReminderTimes:
        return ReminderTimes(self.first_session, self.second_session, self.morning_log)

    @property
    def zone(self) -> ZoneInfo:
        """The person's own zone (UTC until they have a profile)."""
        try:
            return self.user.profile.zone
        except ObjectDoesNotExist:
            return ZoneInfo("UTC")

    @property
    def has_calendar(self) -> bool:
        return self.calendar_token_hash is not None

    def new_calendar_link(self, today: date) -> str:
        """Start a calendar link (ending any earlier one); returns the raw token."""
        token, self.calendar_token_hash = _new_token()
        self.calendar_hint = token[-4:]
        self.calendar_since = today
        self.save(update_fields=["calendar_token_hash", "calendar_hint", "calendar_since"])
        return token

    def end_calendar_link(self) -> None:
        self.calendar_token_hash = None
        self.calendar_hint = ""
        self.save(update_fields=["calendar_token_hash", "calendar_hint"])

    @property
    def email_confirmed(self) -> bool:
        return bool(self.email) and self.email == self.confirmed_email

    @property
    def awaiting_confirmation(self) -> bool:
        """Email reminders are on, but their address is not confirmed yet."""
        return self.email_on and not self.email_confirmed

    def confirm_email(self, address: str) -> bool:
        """The owner of ``address`` opened its link: confirmed, if it is still the address."""
        if not address or address != self.email:
            return False
        self.confirmed_email = address
        self.save(update_fields=["confirmed_email"])
        return True

    def stop_email(self, now: datetime) -> None:
        self.email_on = False
        self.updated_at = now
        self.save(update_fields=["email_on", "updated_at"])


class ReminderSentQuerySet(models.QuerySet["ReminderSent"]):
    def by_unsubscribe_token(self, token: str) -> ReminderSent | None:
        if not _plausible(token):
            return None
        found = self.select_related("user__reminder_settings")
        return found.filter(unsubscribe_hash=_hash_token(token)).first()


class ReminderSent(models.Model):
    """One reminder email, claimed before it is sent.

    The unique (person, reminder, local day) row is what keeps two overlapping
    runs of the sender from sending the same reminder twice. Each email carries
    its own unsubscribe token; only its hash is kept here.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    reminder = models.CharField(max_length=16, choices=[(r.value, r.value) for r in Reminder])
    day = models.DateField(help_text="The person's local day.")
    sent_at = models.DateTimeField()
    unsubscribe_hash = models.CharField(max_length=64, unique=True, editable=False)

    objects = ReminderSentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "reminder", "day"], name="one_reminder_email_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reminder} reminder for {self.user} on {self.day}"

    @classmethod
    def claim(cls, user: object, due: Due, now: datetime) -> tuple[ReminderSent, str] | None:
        """Record the email before sending it; None when another run already has.

        Returns the row and the raw unsubscribe token for the email.
        """
        token, token_hash = _new_token()
        try:
            with transaction.atomic():
                row = cls.objects.create(
                    user=user,
                    reminder=due.reminder,
                    day=due.day,
                    sent_at=now,
                    unsubscribe_hash=token_hash,
                )
        except IntegrityError:
            return None
        return row, token
