"""Ends a person's other sessions when they log out or change their password."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session
from django.dispatch import receiver
from django.http import HttpRequest

from .middleware import start_session_clock
from .models import SignIn


def end_other_sessions(user, *, keep: str | None = None) -> int:
    """Delete every stored session of `user` except `keep`; returns how many ended."""
    keys = SignIn.objects.filter(user=user).exclude(session_key=keep or "")
    ended, _ = Session.objects.filter(session_key__in=keys.values("session_key")).delete()
    keys.delete()
    return ended


def record_sign_in(request: HttpRequest, user) -> None:
    """Note the request's session as one of `user`'s, so that it can be ended later."""
    if request.session.session_key is None:
        request.session.save()
    SignIn.objects.get_or_create(session_key=request.session.session_key, defaults={"user": user})


@receiver(user_logged_in)
def remember_sign_in(sender, request: HttpRequest, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    start_session_clock(request)
    record_sign_in(request, user)


@receiver(user_logged_out)
def end_sessions_on_logout(sender, request: HttpRequest, user, **kwargs) -> None:
    if user is not None:
        end_other_sessions(user)
