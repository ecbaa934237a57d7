"""Writes the audit log. Callers pass identifiers only, never health data."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import models
from django.dispatch import receiver
from django.http import HttpRequest

from .clientip import client_ip
from .models import HEALTH_REVEALING_ACTIONS, AuditEvent


def record(
    request: HttpRequest | None,
    action: str,
    *,
    user=None,
    obj: models.Model | None = None,
    username: str = "",
    object_type: str = "",
    object_id: str = "",
) -> AuditEvent:
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    return AuditEvent.objects.create(
        user=user,
        username=username or (user.get_username() if user is not None else ""),
        action=action,
        object_type=obj._meta.label if obj is not None else object_type,
        object_id=str(obj.pk) if obj is not None else object_id,
        ip=client_ip(request),
    )


def forget_health_detail(user) -> None:
    """For "Delete my data": the person's audit rows that would tell what a
    safety check found go, and no row points at a deleted record any more."""
    rows = AuditEvent.objects.for_user(user)
    rows.filter(action__in=HEALTH_REVEALING_ACTIONS).delete()
    rows.update(object_type="", object_id="")


def anonymise(user) -> None:
    """For "Delete my account": the rows keep their kind and time and lose
    everything that ties them to the person (failed log-ins under their name too)."""
    blank = {"user": None, "username": "", "ip": None, "object_type": "", "object_id": ""}
    AuditEvent.objects.for_user(user).update(**blank)
    AuditEvent.objects.filter(user=None, username=user.get_username()).update(**blank)


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs) -> None:
    record(request, AuditEvent.Action.LOGIN, user=user)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(request, AuditEvent.Action.LOGOUT, user=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    record(request, AuditEvent.Action.LOGIN_FAILED, username=credentials.get("username", "")[:150])
