"""A per-person counter that says when their progress figures last changed.

The dashboard keeps its computed figures in the cache under this number, so
every path that writes something the dashboard shows calls
``DataVersion.bump`` in the same transaction as the write. The number lives
in the database, so every worker process sees the same one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F

__all__ = ["DataVersion"]


class DataVersion(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="tracking_data_version",
    )
    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.user_id} · data version {self.number}"

    @classmethod
    def current(cls, user: Any) -> int:
        number = cls.objects.filter(user=user).values_list("number", flat=True).first()
        return number or 0

    @classmethod
    def bump(cls, user: Any) -> None:
        """Add one: a single UPDATE, or the first row for this person."""
        user_id = getattr(user, "pk", user)
        if cls.objects.filter(user_id=user_id).update(number=F("number") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(user_id=user_id, number=1)
        except IntegrityError:  # created by a parallel write a moment ago
            cls.objects.filter(user_id=user_id).update(number=F("number") + 1)
