"""Account pages beyond Django's own: confirming an email address and leaving."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracking.erase import erase_history

from . import audit
from .emails import read_verification_token, send_verification
from .forms import PasswordConfirmForm
from .middleware import end_session_if_locked_out, end_this_session
from .models import AuditEvent, Profile
from .signins import end_other_sessions


@require_http_methods(["GET", "POST"])
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the confirmation email: a GET shows a button, the POST confirms."""
    user = read_verification_token(token)
    if user is None:
        raise Http404("No such link.")
    profile, _ = Profile.objects.get_or_create(user=user)
    if request.method == "POST" and not profile.email_verified:
        # An address confirmed on another account stays with that account.
        taken = Profile.objects.filter(email_verified=True, user__email__iexact=user.email).exclude(
            user=user
        )
        if taken.exists():
            raise Http404("No such link.")
        Profile.objects.filter(pk=profile.pk).update(email_verified=True)
        audit.record(request, AuditEvent.Action.EMAIL_VERIFIED, user=user)
        profile.email_verified = True
    return render(request, "registration/verify_email.html", {"verified": profile.email_verified})


@login_required
@require_POST
def verify_email_send(request: HttpRequest) -> HttpResponse:
    """Sends the confirmation link again (from the account page)."""
    profile, _ = Profile.objects.get_or_create(user=request.user)
    if request.user.email and not profile.email_verified:
        send_verification(request, request.user)
    return render(request, "registration/verify_email_sent.html")


def _delete_account(user) -> None:
    username = user.get_username()
    with transaction.atomic():
        erase_history(user)
        audit.anonymise(user)
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username=username).delete()
        end_other_sessions(user)
        user.delete()  # the profile, sign-ins and everything else of theirs cascade
        audit.record(None, AuditEvent.Action.ACCOUNT_DELETE)


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = PasswordConfirmForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        _delete_account(request.user)
        end_this_session(request)
        return redirect("account-deleted")
    end_session_if_locked_out(request)
    return render(request, "registration/delete_account.html", {"form": form})


@require_GET
def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/account_deleted.html")
