"""Each page loads the styles and scripts it uses, and nothing it does not.

base.html loads app.css, app.js and the offline scripts everywhere; a page
adds htmx, progress.css or the guided session's files through its blocks.
Forgetting one breaks the page (a swap that never happens, a chart without
its styles); adding one it does not use costs a phone 8 to 50 KB on every
visit. Every route is opened here, signed in with six weeks of history and
signed out, and what it loads is compared with what its HTML uses.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import cache

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.time_zones import local_day
from tests.config.test_security import every_route_with_its_arguments, routes_without_arguments
from tracking.management.commands import seed_demo
from tracking.models import ShareLink

pytestmark = pytest.mark.django_db

# An hx-* attribute that needs htmx on the page: not the body's token header,
# which every page carries, nor an out-of-band swap, which only answers have.
HTMX_ATTRIBUTE = re.compile(r"\shx-(?!headers=|swap-oob=)[a-z-]+=")
CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')


@cache
def classes_styled_in(sheet: str) -> frozenset[str]:
    """The class names a stylesheet's selectors name."""
    with open(finders.find(sheet)) as file:
        css = re.sub(r"/\*.*?\*/", "", file.read(), flags=re.S)
    selectors = re.sub(r"\{[^{}]*\}", "\n", re.sub(r"@[^{;]*\{", "", css))
    return frozenset(re.findall(r"\.([a-zA-Z][\w-]*)", selectors))


def styled_only_in(sheet: str) -> frozenset[str]:
    return classes_styled_in(sheet) - classes_styled_in("css/app.css")


def what_it_loads(html: str) -> set[str]:
    head = html[: html.index("</head>")]
    files = re.findall(r'<link rel="stylesheet" href="([^"]+)"', head)
    files += re.findall(r'<script src="([^"]+)"', head)
    found = {name for name in OPTIONAL if any(OPTIONAL[name] in file for file in files)}
    order = [file for file in files if file.endswith(".js")]

    def position(part: str) -> int:
        return order.index(_one(order, part))

    if "session-offline.js" in found:  # it leaves what offline.js starts
        assert position("js/session-offline") < position("js/offline")
    if "session.js" in found:  # it times the screens session-offline.js copies first
        assert position("js/session.") > position("js/app.")
    return found


def _one(files: list[str], part: str) -> str:
    (found,) = [file for file in files if f"/{part}" in file]
    return found


OPTIONAL = {
    "htmx": "/django_htmx/htmx",
    "progress.css": "/css/progress.",
    "session.css": "/css/session.",
    "session.js": "/js/session.",
    "session-offline.js": "/js/session-offline.",
}


def what_it_uses(html: str) -> set[str]:
    used = {name for value in CLASS_ATTRIBUTE.findall(html) for name in value.split()}
    needs = set()
    if HTMX_ATTRIBUTE.search(html):
        needs.add("htmx")
    if used & styled_only_in("css/progress.css"):
        needs.add("progress.css")
    if used & styled_only_in("css/session.css"):
        needs.add("session.css")
    if "data-session-panel" in html:
        needs.add("session.js")
    if 'id="offline-session"' in html:
        needs.add("session-offline.js")
    return needs


@pytest.fixture
def history(screened):
    alice = screened.user
    alice.date_joined = timezone.now() - timedelta(days=60)
    alice.save()
    now = timezone.now()
    zone = timezone.get_default_timezone()
    seed_demo.seed_history(alice, today=local_day(now, zone), now=now, zone=zone)
    return alice


def full_pages(client: Client, routes: list[tuple[str, str]]) -> dict[str, str]:
    pages = {}
    for name, url in routes:
        response = client.get(url)
        html = response.status_code == 200 and response["Content-Type"].startswith("text/html")
        body = response.content.decode() if html else ""
        if body.lstrip().lower().startswith("<!doctype html>"):
            pages[f"{name} {url}"] = body
    return pages


def mismatches(pages: dict[str, str]) -> list[str]:
    return [
        f"{page}: loads {sorted(loads)}, uses {sorted(uses)}"
        for page, html in pages.items()
        if (loads := what_it_loads(html)) != (uses := what_it_uses(html))
    ]


def test_every_page_signed_in_loads_what_it_uses(client, history):
    client.force_login(history)
    _, token = ShareLink.create_for(history, timezone.now())
    routes = every_route_with_its_arguments(history)
    routes.append(("shared report", reverse("tracking:shared-report", args=[token])))
    pages = full_pages(client, routes)
    link = client.post(reverse("tracking:calendar-link"))  # the page, with the link shown once
    pages["calendar link, shown once"] = link.content.decode()
    assert "link-shown-once" in pages["calendar link, shown once"]
    assert len(pages) > 20
    assert not mismatches(pages), "\n".join(mismatches(pages))


def test_the_routine_and_session_pages_load_what_they_use(client, screened):
    """Behind the safety gate, for a person cleared to stretch: Today, the
    library, a stretch, the plan's reasons, and a session from start to summary."""
    from tracking.models import Session

    client.force_login(screened.user)
    names = ("tracking:today", "routines:library", "tracking:why")
    routes = [(name, reverse(name)) for name in names]
    routes.append(("stretch", reverse("routines:stretch", args=["single-knee-to-chest"])))
    pages = full_pages(client, routes)
    client.post(reverse("tracking:session-start"))
    session = Session.objects.get(user=screened.user)
    url = reverse("tracking:session", args=[session.pk])
    pages["session, pain before"] = client.get(url).content.decode()
    client.post(url, {"position": 0, "action": "pain", "pain": 3})
    pages["session, a hold"] = client.get(url).content.decode()
    for position in range(1, len(session.plan) + 1):
        client.post(url, {"position": position, "action": "done"})
    client.post(url, {"position": len(session.plan) + 1, "action": "pain", "pain": 2})
    pages["session, the summary"] = client.get(url).content.decode()
    assert "data-walk-ms" in pages["session, the summary"]  # with its walk timer
    assert len(pages) == 7
    assert not mismatches(pages), "\n".join(mismatches(pages))
    assert what_it_loads(pages["session, a hold"]) == set(OPTIONAL) - {"progress.css"}
    assert what_it_loads(pages["session, the summary"]) == {"htmx", "session.css", "session.js"}


def test_every_page_signed_out_loads_what_it_uses(client):
    pages = full_pages(client, [(name, reverse(name)) for name in routes_without_arguments()])
    assert len(pages) > 5
    assert not mismatches(pages), "\n".join(mismatches(pages))


def test_the_heavy_files_stay_off_the_pages_that_do_not_use_them(client, history):
    """The check above can fail: the sign-in page needs none of these."""
    assert what_it_uses(Client().get(reverse("login")).content.decode()) == set()
    client.force_login(history)
    session = client.get(reverse("tracking:today"))
    assert "htmx" in what_it_uses(session.content.decode())
