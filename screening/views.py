"""The safety questionnaire, its results, their history and clinician clearances."""

from __future__ import annotations

import contextlib
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from config.audit import record
from config.htmx import render_page, wants_fragment
from config.models import AuditEvent
from screening.context import result_context
from screening.forms import ClearanceForm, TopicForm
from screening.gate import lapse_screening, screening_status
from screening.models import Screening, ScreeningDraft
from screening.questions import TOPICS
from screening.rules import (
    TIER_HEADLINES,
    InvalidAnswers,
    Tier,
    action_steps,
    flags_so_far,
)

STEP = "screening/step.html"
NEEDS_CARE = "new answers need care first"


def get_screening_or_404(request: HttpRequest, pk: int) -> Screening:
    return get_object_or_404(Screening, pk=pk, user=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    if request.method == "POST":
        draft = ScreeningDraft.begin(request.user, now)
        return redirect("screening:step", token=draft.token, step=1)
    status = screening_status(request.user, now)
    return render(request, "screening/start.html", {"status": status, "topics": TOPICS})


@login_required
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, token: UUID, step: int) -> HttpResponse:
    draft = ScreeningDraft.objects.filter(token=token, user=request.user).first()
    if draft is None:
        return _already_finished(request, token)
    if not 1 <= step <= len(TOPICS):
        raise Http404("No such step")
    if step > draft.first_missing_step():
        return redirect("screening:step", token=token, step=draft.first_missing_step())
    topic = TOPICS[step - 1]
    initial = {q.key: draft.answers.get(q.key) for q in topic.questions}
    # Bound on every POST, even an empty one, so missing answers are always explained.
    form = TopicForm(topic, request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if step == len(TOPICS):
            return _finish(request, draft, form.cleaned_data)
        if not draft.save_answers(form.cleaned_data):
            return _already_finished(request, token)
        if flags_so_far(draft.answers):
            # An older result must not keep routines open while these answers say "get help".
            lapse_screening(request.user, reason=NEEDS_CARE)
        return _show_step(request, draft, step + 1)
    context = _step_context(request, draft, step, form)
    return render_page(request, STEP, context, partial="questionnaire")


def _step_context(request: HttpRequest, draft: ScreeningDraft, step: int, form: TopicForm) -> dict:
    urgent = flags_so_far(draft.answers)
    return {
        # Emergency or urgent answers so far: say what to do now, before the rest.
        "get_help": urgent[0].tier.name.lower() if urgent else "",
        "get_help_headline": TIER_HEADLINES[urgent[0].tier] if urgent else "",
        "get_help_steps": action_steps(urgent[0].tier, urgent) if urgent else (),
        "draft": draft,
        "step": step,
        "total": len(TOPICS),
        "topic": form.topic,
        "form": form,
        # A swapped-in step brings its own <title>, so the tab and history say which step.
        "as_fragment": wants_fragment(request),
    }


def _show_step(request: HttpRequest, draft: ScreeningDraft, step: int) -> HttpResponse:
    """After a saved step: the next screen (as a swap for htmx, else a redirect)."""
    url = reverse("screening:step", kwargs={"token": draft.token, "step": step})
    if not wants_fragment(request):
        return redirect(url)
    form = TopicForm(TOPICS[step - 1], initial=draft.answers)
    context = _step_context(request, draft, step, form)
    response = render_page(request, STEP, context, partial="questionnaire")
    response["HX-Push-Url"] = url
    return response


def _finish(request: HttpRequest, draft: ScreeningDraft, answers: dict) -> HttpResponse:
    try:
        screening = draft.finish(answers, timezone.now())
    except InvalidAnswers:
        # Only reachable by skipping steps: go back to the first gap, keep nothing.
        messages.error(request, "Some questions were not answered yet. Please answer them.")
        return _leave(request, reverse("screening:step", args=[draft.token, 1]))
    return _leave(request, reverse("screening:result", args=[screening.pk]))


def _already_finished(request: HttpRequest, token: UUID) -> HttpResponse:
    """A replayed or doubled form: point to the result it made, or 404."""
    screening = get_object_or_404(Screening, draft_token=token, user=request.user)
    messages.info(request, "You already finished these questions. This is your result.")
    return _leave(request, reverse("screening:result", args=[screening.pk]))


def _leave(request: HttpRequest, url: str) -> HttpResponse:
    if getattr(request, "htmx", False):
        # A full page visit, not a swap of the next page into the form.
        response = HttpResponse()
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
@require_GET
def result(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    status = screening_status(request.user, timezone.now())
    if pk is None:
        if status.latest is None:
            return redirect("screening:start")
        screening = status.latest
    else:
        screening = get_screening_or_404(request, pk)
    return render(request, "screening/result.html", result_context(screening, status))


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    status = screening_status(request.user, now)
    screenings = Screening.objects.for_user(request.user).newest_first().select_related("clearance")
    rows = [{"screening": s, "headline": s.headline, "live": s.is_live(now)} for s in screenings]
    return render(request, "screening/history.html", {"rows": rows, "status": status})


@login_required
@require_http_methods(["GET", "POST"])
def clearance(request: HttpRequest, pk: int) -> HttpResponse:
    screening = get_screening_or_404(request, pk)
    now = timezone.now()
    status = screening_status(request.user, now)
    context = result_context(screening, status)
    if not context["can_record_clearance"]:
        messages.info(request, _why_no_clearance(context))
        return redirect("screening:result", pk=screening.pk)
    data = request.POST if request.method == "POST" else None
    form = ClearanceForm(data, today=timezone.localdate(now))
    if request.method == "POST" and form.is_valid():
        form.instance.user = request.user
        form.instance.screening = screening
        # A second click a moment later hits the one-per-result constraint: keep one.
        with contextlib.suppress(IntegrityError), transaction.atomic():
            form.save()
            record(request, AuditEvent.Action.CLEARANCE, obj=form.instance)
        messages.success(request, "Thank you. Your clearance is saved.")
        return redirect("screening:result", pk=screening.pk)
    return render(request, "screening/clearance.html", {**context, "form": form})


def _why_no_clearance(context: dict) -> str:
    """Plain words for a clearance form that cannot be used (often a replayed one)."""
    if context["tier"] != Tier.CLINICIAN:
        return "This result does not need a clearance to be recorded."
    if not context["is_current"]:
        return (
            "This safety check is no longer your current one, so a clearance cannot be "
            "added to it. Please answer the questions again."
        )
    return "A clearance is already saved for this result."
