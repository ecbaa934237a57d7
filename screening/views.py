"""The safety questionnaire, the standing, results, and records of care."""

from __future__ import annotations

import contextlib
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from config.audit import record
from config.htmx import render_page, wants_fragment
from config.models import AuditEvent
from screening import drafts
from screening.context import result_context, shown_words, standing_context
from screening.context_processors import person_country
from screening.forms import AssessmentForm, ClearanceForm, RecallForm, TopicForm
from screening.gate import request_status
from screening.models import DraftCancelled, Screening, ScreeningDraft
from screening.questions import MIN_AGE, TOPICS
from screening.records import forget_standing, request_standing
from screening.rules import InvalidAnswers

STEP = "screening/step.html"
STALE = (
    "These answers were replaced by newer ones you gave in another check, so they "
    "cannot be finished. Please start the questions again."
)


def get_screening_or_404(request: HttpRequest, pk: int) -> Screening:
    return get_object_or_404(Screening, pk=pk, user=request.user)


def get_draft_or_none(request: HttpRequest, token: UUID) -> ScreeningDraft | None:
    return ScreeningDraft.objects.filter(token=token, user=request.user).first()


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    standing = request_standing(request)
    if request.method == "POST":
        if not standing.may_recheck:
            messages.error(request, "You cannot answer the questions again yet. Here is why.")
            return redirect("screening:standing")
        draft = drafts.begin(request.user, standing, timezone.now())
        first = 0 if draft.has_recall_step else 1
        return redirect("screening:step", token=draft.token, step=first)
    status = request_status(request)
    context = {**standing_context(request, standing), "status": status, "topics": TOPICS}
    return render(request, "screening/start.html", context)


@login_required
@require_GET
def standing(request: HttpRequest) -> HttpResponse:
    """Where a person stands now, and what to do next."""
    return render(
        request, "screening/blocked.html", standing_context(request, request_standing(request))
    )


@login_required
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, token: UUID, step: int) -> HttpResponse:
    draft = get_draft_or_none(request, token)
    if draft is None:
        return _already_finished(request, token)
    if draft.cancelled_at is not None:
        messages.error(request, STALE)
        return _leave(request, reverse("screening:start"))
    if not (0 if draft.has_recall_step else 1) <= step <= len(TOPICS):
        raise Http404("No such step")
    if step > 0 and not draft.recall_done:
        return redirect("screening:step", token=token, step=0)
    if step == 0:
        return _recall(request, draft)
    if drafts.emergency_so_far(draft):
        # Once an emergency answer stands, the questions end: get help now.
        return render_page(
            request, STEP, _step_context(request, draft, step, None), partial="questionnaire"
        )
    if step > draft.first_missing_step():
        return redirect("screening:step", token=token, step=draft.first_missing_step())
    form = _topic_form(request, draft, step)
    if request.method == "POST" and form.is_valid():
        if step == len(TOPICS):
            return _finish(request, draft, form.cleaned_data)
        if not draft.save_answers(form.cleaned_data):
            return _already_finished(request, token)
        if drafts.record_flag_answers(request, draft, form.cleaned_data):
            forget_standing(request)
        return _show_step(request, draft, step + 1)
    context = _step_context(request, draft, step, form)
    return render_page(request, STEP, context, partial="questionnaire")


def _topic_form(request: HttpRequest, draft: ScreeningDraft, step: int) -> TopicForm:
    topic = TOPICS[step - 1]
    initial = {q.key: draft.answers.get(q.key) for q in topic.questions}
    # Bound on every POST, even an empty one, so missing answers are always explained.
    data = request.POST if request.method == "POST" else None
    return TopicForm(topic, data, initial=initial, fixed=drafts.fixed_questions(draft))


def _step_context(
    request: HttpRequest, draft: ScreeningDraft, step: int, form: TopicForm | None
) -> dict:
    country = person_country(request)
    topic = TOPICS[step - 1]
    get_help = drafts.get_help(draft, country)
    return {
        **get_help,
        # The get-help panel is the advice: no banner repeating it above.
        "hide_safety_banner": bool(get_help["get_help"]),
        "country": country,
        "draft": draft,
        "step": step,
        "total": len(TOPICS),
        "topic": topic,
        "form": form,
        "fixed": drafts.fixed_in(draft, topic),
        # A swapped-in step brings its own <title>, so the tab and history say which step.
        "as_fragment": wants_fragment(request),
    }


def _show_step(request: HttpRequest, draft: ScreeningDraft, step: int) -> HttpResponse:
    """After a saved step: the next screen (as a swap for htmx, else a redirect)."""
    url = reverse("screening:step", kwargs={"token": draft.token, "step": step})
    if not wants_fragment(request):
        return redirect(url)
    form = None if drafts.emergency_so_far(draft) else _topic_form_for(draft, step)
    response = render_page(
        request, STEP, _step_context(request, draft, step, form), partial="questionnaire"
    )
    response["HX-Push-Url"] = url
    return response


def _topic_form_for(draft: ScreeningDraft, step: int) -> TopicForm:
    return TopicForm(TOPICS[step - 1], initial=draft.answers, fixed=drafts.fixed_questions(draft))


def _recall(request: HttpRequest, draft: ScreeningDraft) -> HttpResponse:
    """Before the questions: earlier positive answers, and a session stop, asked about first."""
    data = request.POST if request.method == "POST" else None
    form = RecallForm(drafts.recall_items(draft), draft.stop, data)
    if request.method == "POST" and form.is_valid():
        kept = drafts.save_recall(draft, form.cleaned_data)
        # A sign that is still there counts at once, as it would on its own step.
        if drafts.record_flag_answers(request, draft, kept):
            forget_standing(request)
        return redirect("screening:step", token=draft.token, step=1)
    context = {"draft": draft, "form": form, "total": len(TOPICS), "step": 0}
    return render(request, "screening/recall.html", context)


@login_required
@require_POST
def mistake(request: HttpRequest, token: UUID) -> HttpResponse:
    """ "I answered this by mistake": take back one emergency or urgent answer, on the spot."""
    draft = get_draft_or_none(request, token)
    if draft is None or draft.cancelled_at is not None:
        raise Http404("No such questions")
    question = request.POST.get("question", "")
    flag_answer = drafts.correct(draft, question, timezone.now())
    if flag_answer is None:
        raise Http404("No such answer")
    record(request, AuditEvent.Action.ANSWER_CORRECTED, obj=flag_answer)
    forget_standing(request)
    messages.info(request, "That answer is cleared. Please answer the question again.")
    return _leave(request, reverse("screening:step", args=[draft.token, drafts.step_of(question)]))


def _finish(request: HttpRequest, draft: ScreeningDraft, answers: dict) -> HttpResponse:
    try:
        screening = draft.finish(answers, timezone.now())
    except InvalidAnswers:
        # Only reachable by skipping steps: go back to the first gap, keep nothing.
        messages.error(request, "Some questions were not answered yet. Please answer them.")
        return _leave(request, reverse("screening:step", args=[draft.token, 1]))
    except DraftCancelled:
        messages.error(request, STALE)
        return _leave(request, reverse("screening:start"))
    if not screening.shown:
        screening.shown = shown_words(screening, person_country(request))
        screening.save(update_fields=["shown"])
        drafts.audit_result(request, screening)
    forget_standing(request)
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
    status = request_status(request)
    if pk is None:
        if status.latest is None:
            return redirect("screening:start")
        screening = status.latest
    else:
        screening = get_screening_or_404(request, pk)
    return render(request, "screening/result.html", result_context(request, screening, status))


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    standing = request_standing(request)
    screenings = Screening.objects.for_user(request.user).newest_first().select_related("clearance")
    rows = [{"screening": s, "current": s.pk == standing.result_id} for s in screenings]
    return render(request, "screening/history.html", {"rows": rows, "standing": standing})


@login_required
@require_http_methods(["GET", "POST"])
def clearance(request: HttpRequest, pk: int) -> HttpResponse:
    screening = get_screening_or_404(request, pk)
    status = request_status(request)
    context = result_context(request, screening, status)
    if not context["can_record_clearance"]:
        messages.info(request, _why_no_clearance(context))
        return redirect("screening:result", pk=screening.pk)
    data = request.POST if request.method == "POST" else None
    form = ClearanceForm(
        data, today=timezone.localdate(), earliest=timezone.localdate(screening.created_at)
    )
    if request.method == "POST" and form.is_valid():
        form.instance.user = request.user
        form.instance.screening = screening
        form.instance.flags = list(status.standing.flags)
        # A second click a moment later hits the one-per-result constraint: keep one.
        with contextlib.suppress(IntegrityError), transaction.atomic():
            form.save()
            record(request, AuditEvent.Action.CLEARANCE, obj=form.instance)
        messages.success(request, "Thank you. Your clearance is saved.")
        return redirect("screening:result", pk=screening.pk)
    return render(request, "screening/clearance.html", {**context, "form": form})


def _why_no_clearance(context: dict) -> str:
    """Plain words for a clearance form that cannot be used (often a replayed one)."""
    if not context["is_current"]:
        return (
            "This safety check is not the one that decides for you now, so a clearance "
            "cannot be added to it."
        )
    if context["cleared"] or context["allowed"]:
        return "You are already cleared to start. Nothing more to record."
    return "This result does not need a clearance. Read what to do below."


@login_required
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest) -> HttpResponse:
    """ "I have been seen": record where and when, which ends an emergency or urgent standing."""
    standing = request_standing(request)
    context = standing_context(request, standing)
    if not context["can_record_assessment"] or standing.since is None:
        messages.info(request, "There is nothing to record right now.")
        return redirect("screening:standing")
    data = request.POST if request.method == "POST" else None
    earliest = timezone.localdate(standing.since)
    form = AssessmentForm(data, today=timezone.localdate(), earliest=earliest)
    if request.method == "POST" and form.is_valid():
        form.instance.user = request.user
        form.save()
        record(request, AuditEvent.Action.ASSESSMENT, obj=form.instance)
        forget_standing(request)
        messages.success(request, "Thank you. We have saved that you were seen.")
        return redirect("screening:standing")
    return render(request, "screening/assessment.html", {**context, "form": form})


@require_GET
def intended_use(request: HttpRequest) -> HttpResponse:
    """Who Limber is for and who it is not for: open to everyone, signed in or not."""
    context = {"safety_email": settings.SAFETY_EMAIL, "min_age": MIN_AGE}
    return render(request, "screening/intended_use.html", context)
