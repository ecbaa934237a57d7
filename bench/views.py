"""The baseline: the least a signed-in Limber page can cost.

Session and user lookup, one query on an index (the person's latest morning
log), and a small template. Every page is measured as a ratio to this one.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tracking.models import PainLog


@login_required
@require_GET
def baseline(request: HttpRequest) -> HttpResponse:
    # Served by the (user, kind, logged_at) index.
    latest = (
        PainLog.objects.for_user(request.user)
        .of_kind(PainLog.Kind.MORNING)
        .order_by("-logged_at")
        .first()
    )
    return render(request, "bench/baseline.html", {"latest": latest})
