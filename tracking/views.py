"""Pain logs, the progress dashboard, export, the clinician report and share links."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from config.audit import record
from config.htmx import render_page, wants_fragment
from config.models import AuditEvent
from screening.gate import screening_status
from screening.records import request_standing
from screening.rules import TIER_HEADLINES
from screening.standing import Standing, State
from tracking import dashboard, export, peg_trend, trends
from tracking.forms import PainLogForm, PegForm, QuickLogForm
from tracking.history import pending_aftereffect
from tracking.models import DataVersion, PainLog, PegCheckin

RECENT_LOGS = 10


def _own_log(request: HttpRequest, pk: int) -> PainLog:
    return get_object_or_404(PainLog, pk=pk, user=request.user)


def _progress(request: HttpRequest, user: Any) -> dashboard.Progress:
    period = trends.Period.parse(request.GET.get("period"))
    tz = timezone.get_current_timezone()
    return dashboard.cached_progress(user, period, now=timezone.now(), tz=tz)


def _charts(progress: dashboard.Progress) -> dict[str, Any]:
    return {
        "progress": progress,
        "chart": mark_safe(progress.chart),  # noqa: S308 - charts.py escapes every text
        "peg_chart": mark_safe(progress.peg_chart),  # noqa: S308 - as above
        "strip_chart": mark_safe(progress.strip_chart),  # noqa: S308 - as above
    }


def _screening_context(user: Any, standing: Standing | None = None) -> dict[str, Any]:
    status = screening_status(user, timezone.now(), standing)
    latest = status.latest
    return {
        "screening": status.current,
        "screening_latest": latest,
        "screening_headline": TIER_HEADLINES[latest.tier_enum] if latest else "",
        "screening_allowed": status.allowed,
        # Asked again only when the standing says so: never during an alarm or a rest.
        "screening_due": status.standing.state is State.CHECK,
        # While the safety standing stops routines, no page speaks of targets,
        # streaks or what the plan does next. Someone never checked (no result, no
        # red-flag answer) still sees their target.
        "plan_hidden": not status.allowed and (status.blocked or latest is not None),
    }


def _report_context(user: Any, progress: dashboard.Progress) -> dict[str, Any]:
    return {**_charts(progress), **_screening_context(user), "periods": list(trends.Period)}


@login_required
@require_GET
@vary_on_headers("HX-Request")
def progress(request: HttpRequest) -> HttpResponse:
    """The dashboard. Not behind the screening gate: a blocked person keeps their history."""
    screening = _screening_context(request.user, request_standing(request))
    context = {**screening, **_dashboard_trend(request, plan_hidden=screening["plan_hidden"])}
    context["quick_form"] = QuickLogForm(user=request.user, now=timezone.now())
    return render_page(request, "tracking/dashboard.html", context, partial="trend")


def _dashboard_trend(request: HttpRequest, *, plan_hidden: bool) -> dict[str, Any]:
    """The trend section as HTML, the next-day question and the "see your GP" advice,
    once per change of the data.

    They read only what the data version covers (logs, sessions, their
    answers), the local day and whether the plan is hidden, which are all in
    the cache key.
    """
    period = trends.Period.parse(request.GET.get("period"))
    tz, now = timezone.get_current_timezone(), timezone.now()  # the person's own zone
    today = trends.local_day(now, tz)
    what = "dashboard-no-plan" if plan_hidden else "dashboard"
    slot = dashboard.cache_slot(request.user, what, period, tz, today)
    cached = cache.get(slot.key)
    if cached is None:
        progress = dashboard.progress_for(
            request.user, period, now=now, tz=tz, target=slot.weekly_target, stops=False
        )
        context = {
            **_charts(progress),
            "period": period,
            "periods": list(trends.Period),
            "plan_hidden": plan_hidden,
        }
        cached = {
            "trend": render_to_string("tracking/_trend.html", context),
            "peg_due": progress.peg.due,
            "not_better": progress.not_better,
            # The next-day question about the last session, asked once, on the first page.
            "aftereffect_session": pending_aftereffect(request.user, today, tz),
        }
        cache.set(slot.key, cached, dashboard.CACHE_SECONDS)
    return {**cached, "trend": mark_safe(cached["trend"])}  # noqa: S308 - rendered by our template


@login_required
@require_http_methods(["GET", "POST"])
def log(request: HttpRequest) -> HttpResponse:
    """The "Log pain" page; the home page's quick log posts here too."""
    now = timezone.now()
    quick = request.POST.get("quick") == "1"
    form_class = QuickLogForm if quick else PainLogForm
    form = form_class(request.POST or None, user=request.user, now=now)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            entry = form.save()
            DataVersion.bump(request.user)
        saved = f"Saved: {entry.get_kind_display().lower()} pain {entry.pain} out of 10."
        if quick and wants_fragment(request):
            fresh = QuickLogForm(user=request.user, now=now)
            return render(
                request, "tracking/_quick_log.html", {"quick_form": fresh, "saved": saved}
            )
        # A flash message is stored between requests: it carries no score.
        messages.success(request, "Your pain log is saved.")
        return redirect("tracking:dashboard" if quick else "tracking:log")
    if quick:
        # An invalid quick log comes back as the quick form, with its message.
        template = "tracking/_quick_log.html" if wants_fragment(request) else "tracking/log.html"
        return render(request, template, {"quick_form": form, **_log_page(request, None)})
    return render(request, "tracking/log.html", _log_page(request, form))


def _log_page(request: HttpRequest, form: PainLogForm | None) -> dict[str, Any]:
    now = timezone.now()
    last_peg = PegCheckin.objects.for_user(request.user).order_by("-checked_at").first()
    today = timezone.localdate(now)
    return {
        "form": form or PainLogForm(user=request.user, now=now),
        "logs": PainLog.objects.for_user(request.user).newest_first()[:RECENT_LOGS],
        "peg_due": peg_trend.peg_due(
            timezone.localdate(last_peg.checked_at) if last_peg else None, today
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def log_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _own_log(request, pk)
    form = PainLogForm(request.POST or None, instance=entry, user=request.user, now=timezone.now())
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            DataVersion.bump(request.user)
        messages.success(request, "Your change is saved.")
        return redirect("tracking:log")
    return render(request, "tracking/log_edit.html", {"form": form, "entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def log_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST deletes."""
    entry = _own_log(request, pk)
    if request.method == "POST":
        with transaction.atomic():
            entry.delete()
            DataVersion.bump(request.user)
        messages.success(request, "The log is deleted.")
        return redirect("tracking:log")
    return render(request, "tracking/log_delete.html", {"entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def peg(request: HttpRequest) -> HttpResponse:
    form = PegForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        checkin = form.save(commit=False)
        checkin.user = request.user
        checkin.checked_at = timezone.now()
        with transaction.atomic():
            checkin.save()
            DataVersion.bump(request.user)
        messages.success(request, "Thank you. Your weekly check-in is saved.")
        return redirect("tracking:dashboard")
    return render(request, "tracking/peg.html", {"form": form})


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    record(request, AuditEvent.Action.EXPORT)
    return export.csv_response(request.user, timezone.get_current_timezone(), timezone.now())


@login_required
@require_GET
def export_columns(request: HttpRequest) -> HttpResponse:
    """What each column of the CSV download holds."""
    return render(request, "tracking/export_columns.html")


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    context = _report_context(request.user, _progress(request, request.user))
    return render(request, "tracking/report.html", context)
