import zoneinfo

from django.conf import settings
from django.db import models


class Profile(models.Model):
    """What Limber knows about a person beyond their login."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    time_zone = models.CharField(max_length=64, default="UTC")
    # ISO 3166-1 code from screening.countries; "" until the person tells us,
    # which gives them the fallback emergency advice.
    country = models.CharField(max_length=2, blank=True, default="")
    # A guided session's cues, remembered for the person on every device:
    # sounds on unless muted; spoken cues "" until they answer the offer.
    sounds = models.CharField(max_length=3, default="on")
    speech = models.CharField(max_length=3, blank=True, default="")
    # Only a verified address receives password-reset links: anyone can type
    # someone else's address at sign-up.
    email_verified = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")


class AuditEventQuerySet(models.QuerySet):
    def for_user(self, user) -> "AuditEventQuerySet":
        return self.filter(user=user)


class AuditEvent(models.Model):
    """An append-only record of security-relevant actions.

    It never holds health data: no pain score, note or screening answer.
    """

    class Action(models.TextChoices):
        LOGIN = "login", "Logged in"
        LOGIN_FAILED = "login-failed", "Failed log-in"
        LOGOUT = "logout", "Logged out"
        PASSWORD_CHANGE = "password-change", "Changed password"
        PASSWORD_RESET = "password-reset", "Reset password"
        EXPORT = "export", "Exported data"
        SHARE_CREATE = "share-create", "Created a share link"
        SHARE_REVOKE = "share-revoke", "Revoked a share link"
        SHARE_VIEW = "share-view", "Share link viewed"
        CLEARANCE = "clearance", "Recorded a clinician clearance"
        RESULT_SHOWN = "safety-result", "Was shown a safety check result"
        ALARM_ADVICE = "safety-alarm", "Was shown emergency or urgent advice"
        ANSWER_CORRECTED = "answer-corrected", "Took back an answer given by mistake"
        ANSWER_CHANGED = "answer-changed", "Changed an earlier answer, with a reason"
        ASSESSMENT = "assessment", "Recorded being seen after a safety alarm"
        CLEARANCE_EXPIRED = "clearance-expired", "A clinician clearance came to its end"
        DATA_DELETE = "data-delete", "Deleted their data"
        ACCOUNT_DELETE = "account-delete", "Deleted their account"
        SIGNUP = "signup", "Signed up"
        EMAIL_VERIFIED = "email-verified", "Confirmed their email address"
        ADMIN_VIEW = "admin-view", "Admin looked at a record"
        ADMIN_CHANGE = "admin-change", "Admin changed a record"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=32, choices=Action.choices)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"

    def save(self, *args, **kwargs) -> None:
        # Append-only: an existing event is never rewritten.
        if self.pk is not None:
            raise ValueError("Audit events cannot be changed.")
        super().save(*args, **kwargs)


# Audit kinds whose mere presence tells that a safety check found something
# (an alarm, a clinician's clearance, an assessment, a changed red-flag answer).
HEALTH_REVEALING_ACTIONS = (
    AuditEvent.Action.ALARM_ADVICE,
    AuditEvent.Action.CLEARANCE,
    AuditEvent.Action.CLEARANCE_EXPIRED,
    AuditEvent.Action.ASSESSMENT,
    AuditEvent.Action.ANSWER_CORRECTED,
    AuditEvent.Action.ANSWER_CHANGED,
)


class AttemptQuerySet(models.QuerySet):
    def recent(self, scope: str, key: str, since) -> "AttemptQuerySet":
        return self.filter(scope=scope, key=key, at__gte=since)


class Attempt(models.Model):
    """One counted try (a sign-up, a reset request, a wrong share token) from a
    client IP or for an address, kept in the database so that every worker
    sees the same count. The key is hashed: no IP or address is readable here."""

    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"])]

    def __str__(self) -> str:
        return f"{self.scope} at {self.at:%Y-%m-%d %H:%M}"


class SignIn(models.Model):
    """One browser session a person is signed in with, so that logging out or
    changing the password can end the others without scanning every session."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} signed in at {self.created_at:%Y-%m-%d %H:%M}"
