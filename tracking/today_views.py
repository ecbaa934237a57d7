"""Today and "Why this plan?": the person's day, read from their own records.

Tracking owns the sessions and pain logs the plan is decided from, so these
pages live here: they read the history and pass it to ``routines.today``, which
turns it into today's decision and plan. Both pages sit behind the screening
gate, and a GET stores nothing (the day's decision is stored when a session
starts).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from config.htmx import render_page
from routines.forms import SessionsChoiceForm
from routines.models import PlanChoice, StageDecision
from routines.presenters import minutes, plan_rows
from routines.today import today_for
from screening.gate import plan_changes, screening_required

from .dashboard import see_clinician_note
from .history import history_for
from .session_today import session_tasks
from .views import PAIN_LOGGED

HISTORY_SHOWN = 90  # decisions on the "Why this plan?" page


def _today(request: HttpRequest, day: date) -> Any:
    return today_for(request.user, day, history_for(request.user, day), record=False)


@login_required
@require_GET
@screening_required
@vary_on_headers("HX-Request")
def today(request: HttpRequest) -> HttpResponse:
    """Home for a person who may stretch: Start first, today's small tasks, then the plan.

    htmx asks for the tasks alone once a score is saved on the page.
    """
    day = timezone.localdate()
    context = _today_context(request, day)
    return render_page(request, "tracking/today.html", context, partial="today-tasks")


def _today_context(request: HttpRequest, day: date) -> dict[str, Any]:
    plan_today = _today(request, day)
    plan = plan_today.plan
    advice = see_clinician_note(request.user, day)
    return {
        "care_notes": (advice,) if advice else (),
        "plan_changes": plan_changes(request),
        "today": plan_today,
        "rows": plan_rows(plan),
        "minutes": minutes(plan.guided_seconds),
        "walk_minutes": minutes(plan.walk_seconds) if plan.walk_seconds else "",
        "start_url": reverse("tracking:session-start"),
        "tasks": session_tasks(request.user, day),
        "choice": SessionsChoiceForm(rule=plan_today.rule, initial={"sessions": plan.sessions}),
        "refresh_on": PAIN_LOGGED,
    }


@login_required
@require_POST
@screening_required
def sessions_choice(request: HttpRequest) -> HttpResponse:
    """Once or twice a day (3 or 4 times a week at maintenance): the person's choice."""
    day = timezone.localdate()
    form = SessionsChoiceForm(request.POST, rule=_today(request, day).rule)
    if not form.is_valid():
        context = {**_today_context(request, day), "choice": form}
        return render(request, "tracking/today.html", context, status=400)
    PlanChoice.objects.update_or_create(
        user=request.user,
        defaults={"sessions": form.cleaned_data["sessions"], "changed_at": timezone.now()},
    )
    return redirect("tracking:today")


@login_required
@require_GET
@screening_required
def why(request: HttpRequest) -> HttpResponse:
    """Today's decision, worked out (not stored), and the stored ones before it."""
    plan_today = _today(request, timezone.localdate())
    decisions = StageDecision.objects.for_user(request.user).newest_first()[:HISTORY_SHOWN]
    return render(request, "tracking/why.html", {"today": plan_today, "decisions": decisions})
