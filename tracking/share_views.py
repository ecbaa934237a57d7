"""Share links to the clinician report: made, listed, switched off and opened."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import throttle
from config.audit import record
from config.models import AuditEvent
from tracking import dashboard, trends
from tracking.log_writes import issue_once, issued_at, lock_person
from tracking.models import SHARE_LINK_LIFETIME, ShareLink
from tracking.views import _report_context

# Live links one person may have at a time; each is a way in to their report.
LIVE_LINK_LIMIT = 10
# Ended links listed under the live ones, for the person's own reference.
ENDED_LINKS_SHOWN = 10


def _own_share(request: HttpRequest, pk: int) -> ShareLink:
    return get_object_or_404(ShareLink, pk=pk, user=request.user)


@require_GET
def shared_report(request: HttpRequest, token: str) -> HttpResponse:
    """The report behind a share link: read-only, and the same 404 for every bad
    token. Wrong tokens are counted per client IP, so links cannot be guessed."""
    now, ip = timezone.now(), throttle.ip_of(request)
    if throttle.too_many("share-view", ip, now):
        return throttle.refused(request)
    link = ShareLink.objects.by_token(token, now)
    if link is None:
        throttle.count("share-view", ip, now)
        raise Http404("No such report.")
    ShareLink.objects.filter(pk=link.pk).update(last_viewed_at=now)
    record(request, AuditEvent.Action.SHARE_VIEW, user=link.user, obj=link)
    tz = _zone_of(link.user)
    progress = dashboard.progress_for(link.user, trends.Period.WEEKS_6, now=now, tz=tz)
    context = {**_report_context(link.user, progress, shared=True), "owner": link.user}
    with timezone.override(tz):
        response = render(request, "tracking/report.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _zone_of(user: Any) -> Any:
    profile = getattr(user, "profile", None)
    return profile.zone if profile is not None else timezone.get_default_timezone()


def share_links_context(request: HttpRequest, new_share_url: str = "") -> dict[str, Any]:
    """For templates/tracking/_share_links.html wherever it is included: every
    live link (each can be switched off), then the latest ended ones."""
    now = timezone.now()
    mine = ShareLink.objects.for_user(request.user)
    live = list(mine.active(now).order_by("-created_at", "-pk"))
    ended = mine.exclude(pk__in=[link.pk for link in live]).order_by("-created_at", "-pk")
    return {
        "live_links": live,
        "ended_links": ended[:ENDED_LINKS_SHOWN],
        "live_link_limit": LIVE_LINK_LIMIT,
        "link_days": SHARE_LINK_LIFETIME.days,
        "once": issue_once(now),
        "new_share_url": new_share_url,
        "now": now,
    }


@login_required
@require_http_methods(["GET", "POST"])
def shares(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "tracking/shares.html", share_links_context(request))
    now = timezone.now()
    issued = issued_at(request.POST.get("once"))
    with transaction.atomic():
        lock_person(request.user)
        mine = ShareLink.objects.for_user(request.user)
        if issued is not None and mine.filter(created_at__gte=issued).exists():
            # A second press of the same form (a double tap, a replay): one link.
            context = {**share_links_context(request), "already_made": True}
            return render(request, "tracking/shares.html", context)
        if mine.active(now).count() >= LIVE_LINK_LIMIT:
            context = {**share_links_context(request), "limit_reached": True}
            return render(request, "tracking/shares.html", context, status=409)
        link, token = ShareLink.create_for(request.user, now)
    record(request, AuditEvent.Action.SHARE_CREATE, obj=link)
    # Shown in this answer only: the link is never kept, only its hash.
    url = request.build_absolute_uri(reverse("tracking:shared-report", args=[token]))
    return render(request, "tracking/shares.html", share_links_context(request, url))


@login_required
@require_POST
def share_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = _own_share(request, pk)
    link.revoke(timezone.now())
    record(request, AuditEvent.Action.SHARE_REVOKE, obj=link)
    messages.success(request, "The link is switched off. Nobody can open it any more.")
    return redirect("tracking:shares")


@login_required
@require_POST
def share_revoke_all(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    for link in ShareLink.objects.for_user(request.user).active(now):
        link.revoke(now)
        record(request, AuditEvent.Action.SHARE_REVOKE, obj=link)
    messages.success(request, "All your links are switched off. Nobody can open them any more.")
    return redirect("tracking:shares")
