"""Write "clearance expired" to the audit log for each clearance that has come to its end.

Run it daily (cron or a scheduler). It is idempotent: a clearance already
recorded as expired is never recorded again, so running it twice, or late,
does no harm. No page writes this on a GET.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from config.audit import record
from config.models import AuditEvent
from screening.models import Clearance
from screening.standing import clearance_ends

EXPIRED = AuditEvent.Action.CLEARANCE_EXPIRED


class Command(BaseCommand):
    help = "Record in the audit log each clinician clearance that has come to its end."

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        done = set(
            AuditEvent.objects.filter(
                action=EXPIRED, object_type=Clearance._meta.label
            ).values_list("object_id", flat=True)
        )
        count = 0
        for clearance in Clearance.objects.select_related("user"):
            ends = clearance_ends(clearance.flags, clearance.cleared_on)
            if ends is None or ends > today or str(clearance.pk) in done:
                continue
            record(None, EXPIRED, user=clearance.user, obj=clearance)
            count += 1
        self.stdout.write(f"{count} clearance(s) recorded as expired.")
