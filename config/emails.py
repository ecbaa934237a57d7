"""Account emails: confirming an address, and telling an address's owner that
someone tried to sign up with it."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

VERIFY_SALT = "limber.verify-email"
VERIFY_MAX_AGE = 60 * 60 * 24 * 7  # a week


def address_token(user_id: int, email: str, salt: str) -> str:
    """A signed link token for one person's address (confirming an email address)."""
    return signing.dumps({"user": user_id, "email": email}, salt=salt)


def read_address_token(token: str, salt: str, max_age: int) -> tuple[object, str] | None:
    """(user id, address) of a genuine token younger than ``max_age`` seconds; else None.
    The caller checks the address is still the one the token was made for."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("email"), str):
        return None
    return data.get("user"), data["email"]


def verification_token(user) -> str:
    return address_token(user.pk, user.email, VERIFY_SALT)


def read_verification_token(token: str):
    """The user the token was made for, if it is genuine, recent and their
    address is still the one it was made for; otherwise None."""
    found = read_address_token(token, VERIFY_SALT, VERIFY_MAX_AGE)
    if found is None:
        return None
    user_id, email = found
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email or user.email != email:
        return None
    return user


def _send(request: HttpRequest, to: str, subject: str, template: str, context: dict) -> None:
    body = render_to_string(template, {**context, "site": request.build_absolute_uri("/")})
    send_mail(subject, body, None, [to])


def send_verification(request: HttpRequest, user) -> None:
    link = request.build_absolute_uri(reverse("verify-email", args=[verification_token(user)]))
    _send(
        request,
        user.email,
        "Confirm your email address for Limber",
        "registration/verify_email_email.txt",
        {"user": user, "link": link},
    )


def send_signup_notice(request: HttpRequest, email: str) -> None:
    _send(
        request,
        email,
        "Someone signed up to Limber with your email address",
        "registration/signup_notice_email.txt",
        {"login": request.build_absolute_uri(reverse("login"))},
    )


def welcome_email(request: HttpRequest, user) -> None:
    """After sign-up: a confirmation link, or a notice to the address's owner.

    Either way one email goes to the address, so the page and the time taken
    are the same whether or not the address was already in use.
    """
    if not user.email:
        return
    others = get_user_model().objects.filter(email__iexact=user.email).exclude(pk=user.pk)
    if others.exists():
        send_signup_notice(request, user.email)
    else:
        send_verification(request, user)
