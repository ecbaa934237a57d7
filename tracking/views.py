"""Pain logs, the progress dashboard, export, the clinician report and share links."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import trigger_client_event

from config.audit import record
from config.fixed_urls import fixed_url
from config.htmx import render_page, wants_fragment
from config.models import AuditEvent
from config.time_zones import local_day
from screening.gate import screening_status
from screening.records import request_has_results, request_standing_and
from screening.rules import TIER_HEADLINES, Tier
from screening.standing import Standing, State
from tracking import dashboard, export, log_writes, peg_trend, trends
from tracking.change import PAIN_RULE, PEG_RULE
from tracking.forms import PainLogForm, PegForm, QuickLogForm, is_morning
from tracking.history import pending_of
from tracking.models import PainLog, PegCheckin

UNDO_KEY = "tracking_undo_delete"
LOGS_PER_PAGE = 20
# htmx events sent with a saved write, so other regions of the page refresh.
PAIN_LOGGED = "pain-logged"


def _own_log(request: HttpRequest, pk: int) -> PainLog:
    return get_object_or_404(PainLog, pk=pk, user=request.user)


def _progress(request: HttpRequest, user: Any) -> dashboard.Progress:
    period = trends.Period.parse(request.GET.get("period"))
    tz = timezone.get_current_timezone()
    return dashboard.progress_for(user, period, now=timezone.now(), tz=tz)


def _charts(progress: dashboard.Progress, *, person: str = "you") -> dict[str, Any]:
    return {
        "progress": progress,
        "headline": progress.trend.headline(person),
        "rule_words": PAIN_RULE.words,
        "peg_rule_words": PEG_RULE.words,
        "chart": mark_safe(progress.chart),  # noqa: S308 - charts.py escapes every text
        "peg_chart": mark_safe(progress.peg_chart),  # noqa: S308 - as above
        "strip_chart": mark_safe(progress.strip_chart),  # noqa: S308 - as above
    }


# The safety check's outcomes (screening.rules.TIER_HEADLINES speaks to the person)
# told to a clinician reading a shared report: what the person was told.
TIER_FOR_CLINICIANS = {
    Tier.EMERGENCY: "Emergency signs reported: told to get emergency help",
    Tier.URGENT: "Urgent signs reported: told to see a doctor the same day",
    Tier.CLINICIAN: "Told to see a GP or physio before starting",
    Tier.CAUTION: "Clear to start, with changes to the plan",
    Tier.CLEAR: "Clear to start",
}


def _screening_context(
    user: Any, standing: Standing | None = None, *, shared: bool = False
) -> dict[str, Any]:
    status = screening_status(user, timezone.now(), standing)
    latest = status.latest
    headlines = TIER_FOR_CLINICIANS if shared else TIER_HEADLINES
    return {
        "screening": status.current,
        "screening_latest": latest,
        "screening_headline": headlines[latest.tier_enum] if latest else "",
        "screening_allowed": status.allowed,
        # Asked again only when the standing says so: never during an alarm or a rest.
        "screening_due": status.standing.state is State.CHECK,
        "plan_hidden": _plan_hidden(status.standing, checked=latest is not None),
    }


def _plan_hidden(standing: Standing, *, checked: bool) -> bool:
    """While the safety standing stops routines, no page speaks of targets, streaks
    or what the plan does next. Someone never checked (no result, no red-flag
    answer) still sees their target."""
    return not standing.may_stretch and (standing.stopped or checked)


def _report_context(user: Any, progress: dashboard.Progress, *, shared: bool) -> dict[str, Any]:
    return {
        **_charts(progress, person="they" if shared else "you"),
        **_screening_context(user, shared=shared),
        "period_links": period_links(fixed_url("tracking:report"), progress.period, detail=False),
        "detail": True,
        "shared": shared,
    }


@login_required
@require_GET
@vary_on_headers("HX-Request")
def progress(request: HttpRequest) -> HttpResponse:
    """The dashboard. Not behind the screening gate: a blocked person keeps their history.

    htmx asks for the trend region (``#trend-region``) or the due links
    (``?part=due``) again when a log or check-in is saved elsewhere on the page.
    """
    tz, now = timezone.get_current_timezone(), timezone.now()  # the person's own zone
    today = local_day(now, tz)
    # The key of the cached figures is read in the safety history's statement.
    standing, person = request_standing_and(request, dashboard.person_read(request.user, today, tz))
    screening = {
        "screening_due": standing.state is State.CHECK,
        "plan_hidden": _plan_hidden(standing, checked=request_has_results(request)),
    }
    trend = _dashboard_trend(
        request, plan_hidden=screening["plan_hidden"], person=person, now=now, tz=tz, today=today
    )
    partial = "due" if request.GET.get("part") == "due" else "trend"
    return render_page(request, "tracking/dashboard.html", {**screening, **trend}, partial=partial)


def period_links(here: str, period: trends.Period, *, detail: bool) -> list[tuple[str, str, bool]]:
    """The period switch of Progress and of the report: each link's address, its
    words, and whether it is the period shown. Built here, not in the templates:
    the dashboard draws it on every first view after a change."""
    keep = "&detail=1" if detail else ""
    return [
        (f"{here}?period={p.value}{keep}", p.label if p.weeks else "All time", p == period)
        for p in trends.Period
    ]


def _dashboard_trend(
    request: HttpRequest,
    *,
    plan_hidden: bool,
    person: tuple[Any, ...],
    now: datetime,
    tz: tzinfo,
    today: date,
) -> dict[str, Any]:
    """The trend section as HTML and what is due (the next-day question, the weekly
    check-in, this morning's log), once per change of the data.

    They read only what the data version covers (logs, sessions, their
    answers), the local day, whether the plan is hidden and whether sessions
    are shown, which are all in the cache key (``person``: its row).
    """
    period = trends.Period.parse(request.GET.get("period"))
    detail = request.GET.get("detail") == "1"
    what = "dashboard" + ("-no-plan" if plan_hidden else "") + ("-detail" if detail else "")
    slot = dashboard.cache_slot(request.user, what, period, tz, today, person)
    cached = cache.get(slot.key)
    if cached is None:
        progress = dashboard.progress_for(
            request.user,
            period,
            now=now,
            tz=tz,
            target=slot.person.weekly_target,
            stops=False,
            detail=detail,
            span=slot.person.morning_span,
        )
        context = {
            **_charts(progress),
            "period": period,
            "period_links": period_links(fixed_url("tracking:dashboard"), period, detail=detail),
            "plan_hidden": plan_hidden,
            "detail": detail,
        }
        cached = {
            "trend": render_to_string("tracking/_trend.html", context),
            "peg_due": progress.peg.due,
            "not_better": progress.not_better,
            "logged_today": progress.trend.points[-1].value is not None,
            # The next-day question about the last session, asked once, on the first page.
            "aftereffect_session": pending_of(slot.person.last_finished, today, tz),
        }
        cache.set(slot.key, cached, dashboard.CACHE_SECONDS)
    return {
        **cached,
        "trend": mark_safe(cached["trend"]),  # noqa: S308 - rendered by our template
        "morning_due": not cached["logged_today"] and is_morning(timezone.localtime(now)),
    }


@login_required
@require_http_methods(["GET", "POST"])
def log(request: HttpRequest) -> HttpResponse:
    """The "Log pain" page with the whole history; the quick log posts here too."""
    now = timezone.now()
    quick = request.POST.get("quick") == "1"
    # The answer to "Replace this morning's 3 with 6?" names its kind and time itself.
    form_class = QuickLogForm if quick and not request.POST.get("replace") else PainLogForm
    form = form_class(request.POST or None, user=request.user, now=now)
    if request.method == "POST" and form.is_valid():
        outcome = log_writes.save_log(
            request.user,
            form.save(commit=False),
            issued=log_writes.issued_at(request.POST.get("once")),
            replace=_replace_pk(request),
            tz=timezone.get_current_timezone(),
        )
        if isinstance(outcome, log_writes.Clash):
            return _replace_question(request, outcome, quick=quick)
        return _log_saved(request, outcome, quick=quick, now=now)
    if quick:
        # An invalid quick log comes back as the quick form, with its message.
        template = "tracking/_quick_log.html" if wants_fragment(request) else "tracking/log.html"
        return render(request, template, {"quick_form": form, **_log_page(request, None)})
    return render(request, "tracking/log.html", _log_page(request, form))


def _replace_pk(request: HttpRequest) -> int | None:
    raw = request.POST.get("replace", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404("No such morning log to replace.")
    return int(raw)


def _replace_question(
    request: HttpRequest, clash: log_writes.Clash, *, quick: bool
) -> HttpResponse:
    """Ask before a second morning log for a day replaces the first; nothing is stored yet."""
    context = {
        "clash": clash,
        "quick": quick,
        "once": request.POST.get("once", ""),
        "logged_at": request.POST.get("logged_at", ""),
        "next": _next_page(request) or "",
    }
    if quick and wants_fragment(request):
        return render(request, "tracking/log_replace.html#question", context)
    return render(request, "tracking/log_replace.html", context)


def _log_saved(
    request: HttpRequest, outcome: log_writes.Saved, *, quick: bool, now: Any
) -> HttpResponse:
    entry = outcome.entry
    saved = f"Saved: {entry.get_kind_display().lower()} pain {entry.pain} out of 10."
    if outcome.replaced is not None:
        saved = f"Saved: this morning's pain is now {entry.pain} (it was {outcome.replaced})."
    if quick and wants_fragment(request):
        fresh = QuickLogForm(user=request.user, now=now)
        context = {"quick_form": fresh, "saved": saved}
        response = render(request, "tracking/_quick_log.html", context)
        # Other regions of the page (the trend, what is due) refresh themselves.
        return trigger_client_event(response, PAIN_LOGGED)
    # A flash message is stored between requests: it carries no score.
    messages.success(request, "Your pain log is saved.")
    return redirect(_next_page(request) or ("tracking:dashboard" if quick else "tracking:log"))


def _next_page(request: HttpRequest) -> str | None:
    """Where the form asked to go back to (Today's one-tap log), if it is a page of this site."""
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else None


def _last_checkin_day(user: Any) -> date | None:
    """The local day of the person's latest weekly check-in, if any."""
    last = PegCheckin.objects.for_user(user).order_by("-checked_at").first()
    return timezone.localdate(last.checked_at) if last else None


def _log_page(request: HttpRequest, form: PainLogForm | None) -> dict[str, Any]:
    now = timezone.now()
    today = timezone.localdate(now)
    logs = Paginator(PainLog.objects.for_user(request.user).newest_first(), LOGS_PER_PAGE)
    undo = request.session.get(UNDO_KEY)
    return {
        "form": form or PainLogForm(user=request.user, now=now),
        "logs": logs.get_page(request.GET.get("page")),
        "undo": undo if log_writes.undo_data(request.user, undo) else None,
        "undo_minutes": UNDO_MINUTES,
        "peg_due": peg_trend.peg_due(_last_checkin_day(request.user), today),
    }


@login_required
@require_http_methods(["GET", "POST"])
def log_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _own_log(request, pk)
    form = PainLogForm(request.POST or None, instance=entry, user=request.user, now=timezone.now())
    if request.method == "POST" and form.is_valid():
        tz = timezone.get_current_timezone()
        outcome = log_writes.save_log(
            request.user, form.save(commit=False), issued=None, replace=None, tz=tz
        )
        if isinstance(outcome, log_writes.Saved):
            messages.success(request, "Your change is saved.")
            return redirect("tracking:log")
        form.add_error(
            None,
            f"That day already has a morning log ({outcome.existing.pain} out of 10). "
            "Change or delete that one instead.",
        )
    return render(request, "tracking/log_edit.html", {"form": form, "entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def log_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm (the page without JavaScript); POST deletes, with an Undo.

    With htmx the row's Delete posts at once and the row becomes an Undo.
    """
    entry = _own_log(request, pk)
    if request.method == "POST":
        token = log_writes.delete_log(request.user, entry)
        if wants_fragment(request):
            context = {"entry": entry, "undo": token, "undo_minutes": UNDO_MINUTES}
            response = render(request, "tracking/log.html#undo-row", context)
            return trigger_client_event(response, PAIN_LOGGED)
        request.session[UNDO_KEY] = token
        return redirect("tracking:log")
    context = {"entry": entry, "undo_minutes": UNDO_MINUTES}
    return render(request, "tracking/log_delete.html", context)


UNDO_MINUTES = log_writes.UNDO_SECONDS // 60
RESTORED = "The log is back."
MORNING_TAKEN = "That day has a morning log again, so the old one stays deleted."
TOO_LATE = f"Too late to undo: after {UNDO_MINUTES} minutes a deleted log is gone for good."


@login_required
@require_POST
def log_restore(request: HttpRequest) -> HttpResponse:
    """Undo a delete: the log comes back as it was, once."""
    token = request.POST.get("undo")
    if log_writes.undo_data(request.user, token) is not None:
        entry = log_writes.restore_log(request.user, token, timezone.get_current_timezone())
        refusal = MORNING_TAKEN
    elif log_writes.undo_expired(request.user, token):
        entry, refusal = None, TOO_LATE
    else:
        raise Http404("Nothing to undo.")
    request.session.pop(UNDO_KEY, None)
    if entry is not None:
        messages.success(request, RESTORED)
    else:
        messages.error(request, refusal)
    if wants_fragment(request):
        # The message goes out in this answer (the flash region, out of band).
        context = {"entry": entry, "restored": entry is not None, "refusal": refusal}
        response = render(request, "tracking/log.html#undo-answer", context)
        return trigger_client_event(response, PAIN_LOGGED)
    return redirect("tracking:log")


@login_required
@require_http_methods(["GET", "POST"])
def peg(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    form = PegForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        checkin = form.save(commit=False)
        checkin.checked_at = now
        issued = log_writes.issued_at(request.POST.get("once"))
        checkin = log_writes.save_checkin(request.user, checkin, issued=issued)
        messages.success(request, "Thank you. Your weekly check-in is saved.")
        return redirect("tracking:dashboard")
    context = {"form": form, "once": request.POST.get("once") or log_writes.issue_once(now)}
    last_day = _last_checkin_day(request.user)
    if last_day is not None and not peg_trend.peg_due(last_day, timezone.localdate(now)):
        # Reached from a link or a bookmark before the week is up: say so.
        context.update(answered_on=last_day, next_due=peg_trend.peg_next_due(last_day))
    return render(request, "tracking/peg.html", context)


@login_required
@require_GET
def export_zip(request: HttpRequest) -> HttpResponse:
    record(request, AuditEvent.Action.EXPORT)
    return export.zip_response(request.user, timezone.get_current_timezone(), timezone.now())


@login_required
@require_GET
def export_columns(request: HttpRequest) -> HttpResponse:
    """What each file and column of the download holds."""
    return render(request, "tracking/export_columns.html")


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    context = _report_context(request.user, _progress(request, request.user), shared=False)
    return render(request, "tracking/report.html", context)
