"""One place that decides between a whole page and one of its partials."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def wants_fragment(request: HttpRequest) -> bool:
    """True for htmx requests that swap a region, not for boosted or history ones."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    partial: str,
    status: int = 200,
) -> HttpResponse:
    """Render `template#partial` for htmx swaps and the full `template` otherwise."""
    name = f"{template}#{partial}" if wants_fragment(request) else template
    return render(request, name, context or {}, status=status)
