"""The manifest, the service worker and the offline page: headers, scope and contents."""

import json
import re
import struct

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def worker_config(body: str) -> dict:
    first, _ = body.split("\n", 1)
    assert first.startswith("const LIMBER = ") and first.endswith(";")
    return json.loads(first.removeprefix("const LIMBER = ").removesuffix(";"))


# --- The service worker ------------------------------------------------------------


def test_it_serves_the_worker_from_the_site_root(client):
    assert reverse("service-worker") == "/sw.js"


def test_it_lets_the_worker_control_every_page(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Service-Worker-Allowed"] == "/"


def test_it_makes_the_browser_check_the_worker_on_every_visit(client):
    cache = client.get("/sw.js")["Cache-Control"]
    assert "no-cache" in cache and "no-store" in cache


def test_it_serves_the_worker_as_javascript(client):
    response = client.get("/sw.js")
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "importScripts(...LIMBER.scripts)" in response.content.decode()


def test_it_keeps_the_app_shell_and_the_offline_page_ready(client):
    config = worker_config(client.get("/sw.js").content.decode())
    shell = set(config["shell"])
    assert {
        "/offline/",
        "/static/css/app.css",
        "/static/js/app.js",
        "/static/js/offline.js",
        "/static/css/session.css",
        "/static/js/session.js",
        "/static/js/session-offline.js",
    } <= shell
    assert "/static/routines/svg/single-knee-to-chest.svg" in shell
    assert any(re.fullmatch(r"/static/django_htmx/htmx-2\.min\.js", url) for url in shell)
    assert config["scripts"] == ["/static/js/store.js", "/static/js/replay.js"]
    assert config["offline"] == "/offline/"


def test_it_lists_only_files_that_exist(client):
    for url in worker_config(client.get("/sw.js").content.decode())["shell"]:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url


def test_it_names_a_version_that_changes_with_the_shell(client, settings, monkeypatch):
    from config import pwa

    first = worker_config(client.get("/sw.js").content.decode())["version"]
    pwa._worker_text.cache_clear()
    monkeypatch.setattr(pwa, "SHELL_FILES", (*pwa.SHELL_FILES, "img/icons/icon.svg"))
    try:
        second = worker_config(client.get("/sw.js").content.decode())["version"]
    finally:
        pwa._worker_text.cache_clear()
    assert re.fullmatch(r"[0-9a-f]{12}", first) and first != second


def test_it_refuses_to_change_the_worker(client):
    assert client.post("/sw.js").status_code == 405


def test_it_serves_the_same_worker_to_everyone(client, client_alice):
    from django.test import Client

    assert Client().get("/sw.js").content == client_alice.get("/sw.js").content


# --- The manifest --------------------------------------------------------------------


def png_size(path: str) -> tuple[int, int]:
    with open(finders.find(path), "rb") as file:
        head = file.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def test_it_describes_an_installable_app(client):
    response = client.get(reverse("manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "Limber: back stretches"
    assert manifest["short_name"] == "Limber"
    assert manifest["description"]
    assert manifest["start_url"] == "/routines/today/"
    assert (manifest["scope"], manifest["display"]) == ("/", "standalone")
    assert (manifest["theme_color"], manifest["background_color"]) == ("#1f6f5c", "#fbfaf7")


def test_it_ships_icons_of_the_sizes_it_names(client):
    icons = client.get(reverse("manifest")).json()["icons"]
    found = {
        (icon["sizes"], icon["purpose"]): png_size(icon["src"].removeprefix("/static/"))
        for icon in icons
    }
    assert found == {
        ("192x192", "any"): (192, 192),
        ("512x512", "any"): (512, 512),
        ("512x512", "maskable"): (512, 512),
    }


def test_it_takes_the_colours_from_the_palette(client):
    with open(finders.find("css/app.css")) as file:
        css = file.read()
    manifest = client.get(reverse("manifest")).json()
    assert f"--accent: {manifest['theme_color']};" in css
    assert f"--bg: {manifest['background_color']};" in css


def test_every_page_links_the_manifest(client_alice):
    content = client_alice.get(reverse("profile")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in content


def test_the_logout_form_names_whose_queue_to_clear(client_alice, alice):
    content = client_alice.get(reverse("profile")).content.decode()
    assert f'data-logout data-user="{alice.pk}"' in content


def test_every_page_registers_the_worker_from_a_static_script(client):
    content = client.get(reverse("login")).content.decode()
    assert re.search(r'<script src="/static/js/offline\.js" data-worker="/sw\.js"', content)


# --- The offline page ------------------------------------------------------------------


def test_it_shows_the_offline_page_to_anyone(client):
    response = client.get(reverse("offline"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>You're offline</h1>" in content
    assert "Your session carries on; everything you do is saved when you're back online." in content


def test_it_puts_nothing_personal_in_the_offline_page(client_alice, alice):
    content = client_alice.get(reverse("offline")).content.decode()
    assert alice.username not in content
    assert "csrfmiddlewaretoken" not in content and "data-logout" not in content


def test_it_sends_the_offline_page_with_the_usual_headers(client):
    response = client.get(reverse("offline"))
    assert "no-store" in response["Cache-Control"]
    assert "default-src 'self'" in response["Content-Security-Policy"]
