"""The stretch library, today's plan and its history.

Every page that shows a stretch sits behind the screening gate: a person whose
safety check blocks self-care is never shown one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from config.htmx import render_page
from routines import library_data as data
from routines.forms import LibraryFilterForm, SessionsChoiceForm
from routines.models import PlanChoice, StageDecision, Stretch
from routines.presenters import minutes, plan_rows
from routines.today import advice_for, session_tasks_for, today_for
from screening.gate import plan_changes, screening_required

HISTORY_SHOWN = 90  # decisions on the "Why this plan?" page


@require_GET
@screening_required
@vary_on_headers("HX-Request")
def library(request: HttpRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET or None)
    stretches = Stretch.objects.in_order().filter(**form.filters())
    context = {
        "form": form,
        "stretches": stretches,
        "position_names": data.POSITIONS,
        "target_names": data.TARGETS,
    }
    return render_page(request, "routines/library.html", context, partial="stretch-list")


@require_GET
@screening_required
def stretch(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Stretch.objects.with_text().select_related("variation_of"), slug=slug)
    context = {
        "stretch": item,
        "variations": item.variations.order_by("priority", "name"),
        "position_name": data.POSITIONS.get(item.position, item.position),
        "target_name": data.TARGETS.get(item.targets, item.targets),
        "kind_name": data.KINDS.get(item.kind, item.kind),
    }
    return render(request, "routines/stretch.html", context)


def session_start_url() -> str:
    """Where the Start button posts; the sessions app may not be mounted yet."""
    try:
        return reverse("tracking:session-start")
    except NoReverseMatch:
        return "/sessions/start/"


@login_required
@require_GET
@screening_required
def today(request: HttpRequest) -> HttpResponse:
    """Home for a person who may stretch: Start first, today's small tasks, then the plan.

    A GET: today's decision is worked out, not stored (it is stored when a
    session starts).
    """
    day = timezone.localdate()
    return render(request, "routines/today.html", _today_context(request, day))


def _today_context(request: HttpRequest, day: date, **extra: Any) -> dict[str, Any]:
    plan_today = today_for(request.user, day, record=False)
    plan = plan_today.plan
    return {
        "care_notes": advice_for(request.user, day),
        "plan_changes": plan_changes(request),
        "today": plan_today,
        "rows": plan_rows(plan),
        "minutes": minutes(plan.guided_seconds),
        "walk_minutes": minutes(plan.walk_seconds) if plan.walk_seconds else "",
        "start_url": session_start_url(),
        "tasks": session_tasks_for(request.user, day),
        "choice": SessionsChoiceForm(rule=plan_today.rule, initial={"sessions": plan.sessions}),
        **extra,
    }


@login_required
@require_POST
@screening_required
def sessions_choice(request: HttpRequest) -> HttpResponse:
    """Once or twice a day (3 or 4 times a week at maintenance): the person's choice."""
    day = timezone.localdate()
    rule = today_for(request.user, day, record=False).rule
    form = SessionsChoiceForm(request.POST, rule=rule)
    if not form.is_valid():
        context = _today_context(request, day)
        context["choice"] = form
        return render(request, "routines/today.html", context, status=400)
    PlanChoice.objects.update_or_create(
        user=request.user,
        defaults={"sessions": form.cleaned_data["sessions"], "changed_at": timezone.now()},
    )
    return redirect("routines:today")


@login_required
@require_GET
@screening_required
def why(request: HttpRequest) -> HttpResponse:
    """Today's decision, worked out (not stored), and the stored ones before it."""
    plan_today = today_for(request.user, timezone.localdate(), record=False)
    decisions = StageDecision.objects.for_user(request.user).newest_first()[:HISTORY_SHOWN]
    return render(request, "routines/why.html", {"today": plan_today, "decisions": decisions})
