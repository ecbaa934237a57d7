"""Send the reminder emails that are due now.

Safe to run every few minutes from cron or a systemd timer: each reminder is
sent at most once a day per person, even when two runs overlap.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import URLValidator
from django.utils import timezone

from tracking.reminder_mail import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminder emails that are due now (run every 5 minutes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            required=True,
            help="Limber's public address for the links in the emails, e.g. https://limber.example.org",
        )

    def handle(self, *args: Any, base_url: str, **options: Any) -> None:
        try:
            URLValidator(schemes=["http", "https"])(base_url)
        except ValidationError as error:
            raise CommandError(
                f"--base-url must be an http(s) address, not {base_url!r}."
            ) from error
        sent = send_due_reminders(now=timezone.now(), base_url=base_url.rstrip("/"))
        if options["verbosity"] >= 1:
            self.stdout.write(f"Reminder emails sent: {sent}")
