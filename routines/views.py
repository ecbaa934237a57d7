"""The stretch library, today's plan and its history.

Every page that shows a stretch sits behind the screening gate: a person whose
safety check blocks self-care is never shown one.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from config.htmx import render_page
from routines import library_data as data
from routines.forms import LibraryFilterForm
from routines.models import StageDecision, Stretch
from routines.presenters import plan_rows, total_words
from routines.today import advice_for, session_tasks_for, today_for
from screening.gate import screening_required

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
    day = timezone.localdate()
    plan_today = today_for(request.user, day)
    context = {
        "care_notes": advice_for(request.user, day),
        "today": plan_today,
        "rows": plan_rows(plan_today.plan),
        "total": total_words(plan_today.plan.total_seconds),
        "start_url": session_start_url(),
        "tasks": session_tasks_for(request.user, day),
    }
    return render(request, "routines/today.html", context)


@login_required
@require_GET
@screening_required
def why(request: HttpRequest) -> HttpResponse:
    # Make sure today's decision is there to explain.
    plan_today = today_for(request.user, timezone.localdate())
    decisions = StageDecision.objects.for_user(request.user).newest_first()[:HISTORY_SHOWN]
    return render(request, "routines/why.html", {"today": plan_today, "decisions": decisions})
