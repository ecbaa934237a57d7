"""The stretch library: every stretch, its variations and how to do it.

Every page that shows a stretch sits behind the screening gate: a person whose
safety check blocks self-care is never shown one.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from config.htmx import render_page
from routines import library_data as data
from routines.forms import LibraryFilterForm
from routines.models import Stretch
from screening.gate import screening_required


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
