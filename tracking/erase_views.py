"""Delete my data: every health record goes, the account stays."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from config.audit import forget_health_detail, record
from config.forms import PasswordConfirmForm
from config.middleware import end_session_if_locked_out
from config.models import AuditEvent
from tracking.erase import erase_history


@login_required
@require_http_methods(["GET", "POST"])
def delete_data(request: HttpRequest) -> HttpResponse:
    form = PasswordConfirmForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            erase_history(request.user)
            forget_health_detail(request.user)
            record(request, AuditEvent.Action.DATA_DELETE)
        messages.success(request, "All your logs, sessions and safety checks are deleted.")
        return redirect("tracking:dashboard")
    end_session_if_locked_out(request)
    return render(request, "tracking/delete_data.html", {"form": form})
