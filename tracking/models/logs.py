"""Pain logs, weekly PEG-3 check-ins and share links for the clinician report."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from routines.stages import PAIN_MAX, PAIN_MIN
from tracking.peg_trend import peg_score

from .versions import Versioned, VersionedQuerySet

__all__ = [
    "PAIN_MAX",
    "PAIN_MIN",
    "SHARE_LINK_LIFETIME",
    "PainLog",
    "PainLogQuerySet",
    "PegCheckin",
    "ShareLink",
]

NOTE_MAX = 500
SHARE_LINK_LIFETIME = timedelta(days=30)


def _pain_field(verbose_name: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[MinValueValidator(PAIN_MIN), MaxValueValidator(PAIN_MAX)],
    )


def _pain_check(field: str, name: str) -> models.CheckConstraint:
    # Belt and braces: a pain outside 0-10 never reaches the table, whatever the path.
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": PAIN_MIN, f"{field}__lte": PAIN_MAX}), name=name
    )


class PainLogQuerySet(VersionedQuerySet["PainLog"]):
    def for_user(self, user: object) -> PainLogQuerySet:
        return self.filter(user=user)

    def since(self, moment: datetime) -> PainLogQuerySet:
        return self.filter(logged_at__gte=moment)

    def until(self, moment: datetime) -> PainLogQuerySet:
        return self.filter(logged_at__lt=moment)

    def of_kind(self, *kinds: str) -> PainLogQuerySet:
        return self.filter(kind__in=kinds)

    def newest_first(self) -> PainLogQuerySet:
        return self.order_by("-logged_at", "-pk")


class PainLog(Versioned):
    class Kind(models.TextChoices):
        BEFORE = "before", "Before a session"
        AFTER = "after", "After a session"
        MORNING = "morning", "Morning"
        EVENING = "evening", "Evening"
        OTHER = "other", "Other time"

    # Kinds a person logs by hand; before/after come from sessions.
    MANUAL_KINDS = (Kind.MORNING, Kind.EVENING, Kind.OTHER)

    # No index of its own: the (user, kind, logged_at) index below starts with
    # the person, so it serves every read by person. A second, narrower index
    # cost every write and drew PostgreSQL's planner to scan all of a person's
    # logs where the wider one reads only the period asked for.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pain_logs",
        db_index=False,
    )
    pain = _pain_field("pain (0-10)")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MORNING)
    note = models.CharField(max_length=NOTE_MAX, blank=True)
    logged_at = models.DateTimeField(default=timezone.now)
    session = models.ForeignKey(
        "tracking.Session",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pain_logs",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PainLogQuerySet.as_manager()

    class Meta:
        ordering = ["-logged_at", "-pk"]
        indexes = [models.Index(fields=["user", "kind", "logged_at"])]
        constraints = [_pain_check("pain", "painlog_pain_0_10")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.pain}/10"

    @property
    def from_session(self) -> bool:
        return self.session_id is not None


class PegCheckinQuerySet(VersionedQuerySet["PegCheckin"]):
    def for_user(self, user: object) -> PegCheckinQuerySet:
        return self.filter(user=user)


class PegCheckin(Versioned):
    """PEG-3: three 0-10 items, scored as their mean.

    source="Krebs et al. 2009, J Gen Intern Med 24:733"
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peg_checkins"
    )
    pain = _pain_field("average pain in the past week")
    enjoyment = _pain_field("interference with enjoyment of life")
    activity = _pain_field("interference with general activity")
    checked_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PegCheckinQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = "PEG-3 check-in"
        indexes = [models.Index(fields=["user", "checked_at"])]
        constraints = [
            _pain_check("pain", "peg_pain_0_10"),
            _pain_check("enjoyment", "peg_enjoyment_0_10"),
            _pain_check("activity", "peg_activity_0_10"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · PEG {self.score:.1f}"

    @property
    def score(self) -> float:
        return peg_score(self.pain, self.enjoyment, self.activity)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ShareLinkQuerySet(models.QuerySet["ShareLink"]):
    def for_user(self, user: object) -> ShareLinkQuerySet:
        return self.filter(user=user)

    def active(self, now: datetime) -> ShareLinkQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)

    def by_token(self, token: str, now: datetime) -> ShareLink | None:
        """The live link for a presented token, or None (unknown, expired or revoked alike)."""
        if not token or len(token) > 128:
            return None
        return self.active(now).select_related("user").filter(token_hash=_hash_token(token)).first()


class ShareLink(models.Model):
    """A read-only, expiring, revocable link to the clinician report.

    Only a hash of the token is stored: the link is shown once, when it is made,
    and a copy of the database cannot be turned into working links.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(
        max_length=4, editable=False, help_text="Last characters, to tell links apart."
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Share link …{self.hint} for {self.user}"

    @classmethod
    def create_for(cls, user: object, now: datetime) -> tuple[ShareLink, str]:
        """Make a link; returns it with the raw token, which is never stored."""
        token = secrets.token_urlsafe(32)  # 256 bits
        link = cls.objects.create(
            user=user,
            token_hash=_hash_token(token),
            hint=token[-4:],
            created_at=now,
            expires_at=now + SHARE_LINK_LIFETIME,
        )
        return link, token

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at

    def revoke(self, now: datetime) -> None:
        if self.revoked_at is None:
            self.revoked_at = now
            self.save(update_fields=["revoked_at"])
