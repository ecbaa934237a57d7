"""What makes Limber installable and able to carry on offline.

The web app manifest, the service worker (served from the site root so that
it may control every page) and the calm page it shows when it cannot reach
the server. None of them holds anything personal: the worker and the
offline page are the same for everyone.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET
from django_htmx.jinja import htmx_script

# Taken from the palette in static/css/app.css (--accent and --bg, light scheme).
THEME_COLOUR = "#1f6f5c"
BACKGROUND_COLOUR = "#fbfaf7"
ICONS = (
    ("img/icons/icon-192.png", "192x192", "any"),
    ("img/icons/icon-512.png", "512x512", "any"),
    ("img/icons/icon-maskable-512.png", "512x512", "maskable"),
)
WORKER_SOURCE = "js/sw.js"
# What a page needs to draw itself without the network, stretch pictures included.
SCRIPTS = ("js/store.js", "js/replay.js")
# The guided session's own files come too: its page is the one that must go on offline.
SESSION_FILES = ("css/session.css", "js/session.js", "js/session-offline.js")
SHELL_FILES = (
    "css/app.css",
    "js/app.js",
    "js/offline.js",
    *SESSION_FILES,
    *SCRIPTS,
    "img/favicon.svg",
)
PICTURES = "routines/svg/"


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: what a phone needs to add Limber to its home screen."""
    body = {
        "id": "/",
        "name": "Limber: back stretches",
        "short_name": "Limber",
        "description": "A safe, guided stretching routine for everyday low-back pain.",
        "start_url": reverse("tracking:today"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in ICONS
        ],
    }
    return JsonResponse(body, content_type="application/manifest+json")


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The worker script, with this deployment's file names and a version to match them."""
    response = HttpResponse(_worker_text(), content_type="text/javascript; charset=utf-8")
    # The script sits under /, so its scope may be the whole site. The browser
    # asks for it again on every visit (no-cache); no-store as for every page.
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache, no-store"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """The page shown for anything the worker cannot fetch: the same for everyone."""
    return render(request, "offline.html", {"today_url": reverse("tracking:today")})


def shell_urls() -> list[str]:
    """Every file the worker keeps ready, as this deployment names it."""
    htmx = re.findall(r'src="([^"]+)"', htmx_script(minified=True))
    files = [*SHELL_FILES, *(path for path, _, _ in ICONS), *_pictures()]
    return [reverse("offline"), *htmx, *(static(path) for path in files)]


@lru_cache(maxsize=1)
def _pictures() -> tuple[str, ...]:
    found = set()
    for finder in finders.get_finders():
        found.update(path for path, _ in finder.list([]) if path.startswith(PICTURES))
    return tuple(sorted(found))


@lru_cache(maxsize=1)
def _worker_text() -> str:
    source = Path(finders.find(WORKER_SOURCE)).read_text()
    config = {
        "shell": shell_urls(),
        "scripts": [static(path) for path in SCRIPTS],
        "offline": reverse("offline"),
    }
    # A new deployment (new file names or a new worker) gives a new version,
    # which makes the browser install the worker again and drop old caches.
    digest = hashlib.sha256((source + json.dumps(config)).encode()).hexdigest()[:12]
    header = f"const LIMBER = {json.dumps({**config, 'version': digest})};\n"
    return header + source
