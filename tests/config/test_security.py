import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.config.test_settings import TEST_ONLY_ENV
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_it_refuses_a_post_without_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_it_refuses_logout_without_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(reverse("logout")).status_code == 403
    assert "_auth_user_id" in client.session


def test_it_accepts_a_post_with_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_it_sends_a_strict_content_security_policy(client):
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_it_puts_the_csp_nonce_on_the_home_pages_scripts(client):
    response = client.get(reverse("home"))
    nonce = response["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'nonce="{nonce}"' in response.content.decode()


@pytest.mark.parametrize(
    "header, value",
    [
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ],
)
def test_it_sends_security_headers(client, header, value):
    assert client.get(reverse("home"))[header] == value


def test_it_forbids_caching_of_personal_pages(client_alice):
    response = client_alice.get(reverse("profile"))
    assert "no-store" in response["Cache-Control"]


def test_it_sets_session_cookie_flags(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["secure"]
    assert cookie["samesite"] == "Lax"


def test_it_rotates_the_session_key_at_login(client, alice):
    client.get(reverse("login"))
    client.session["probe"] = 1
    before = client.session.session_key
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert client.session.session_key != before


def test_check_deploy_is_clean_with_production_values():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in TEST_ONLY_ENV | {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="k3y-" + "a8Zq!x" * 10,
        ALLOWED_HOSTS="limber.example.org",
        CSRF_TRUSTED_ORIGINS="https://limber.example.org",
        EMAIL_HOST="smtp.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


TEMPLATES_DIR = ROOT / "templates"


def test_no_template_loads_anything_from_another_host():
    import re

    external = re.compile(r"""(?:src|href|action|srcset)\s*=\s*["'](?:https?:)?//""", re.I)
    offenders = [
        str(path.relative_to(ROOT))
        for path in TEMPLATES_DIR.rglob("*.html")
        if external.search(path.read_text())
    ]
    assert not offenders, f"templates pointing at other hosts: {offenders}"


def routes_without_arguments() -> list[str]:
    from django.urls import NoReverseMatch, get_resolver

    from tests.config.test_privacy import walk

    names = []
    for name, pattern in walk(get_resolver().url_patterns):
        if name.startswith("admin:") or pattern.pattern.converters or pattern.pattern.regex.groups:
            continue
        try:
            reverse(name)
        except NoReverseMatch:  # a name shared with a route that takes arguments
            continue
        names.append(name)
    return sorted(set(names))


@pytest.mark.parametrize("name", routes_without_arguments())
def test_every_page_sends_the_security_headers(client, alice, make_screening, name):
    make_screening(alice)
    client.force_login(alice)
    response = client.get(reverse(name))
    assert response.status_code < 500
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "no-store" in response["Cache-Control"]


def every_route_with_its_arguments(alice) -> list[tuple[str, str]]:
    """Every named route (admin aside) with arguments pointing at alice's objects."""
    from tests.config.test_privacy import OWNED

    tokens = {
        "tracking:shared-report": lambda: {"token": "a" * 43},
        "password_reset_confirm": lambda: {"uidb64": "MQ", "token": "set-password"},
        "verify-email": lambda: {"token": "forged"},
        "routines:stretch": lambda: {"slug": "single-knee-to-chest"},
    }
    made: dict = {}  # one object per builder: alice has one open session at a time

    def owned(name: str) -> dict:
        build = OWNED[name]
        if build not in made:
            made[build] = build(alice)
        return made[build]

    builders = {**{name: (lambda n=name: owned(n)) for name in OWNED}, **tokens}
    routes = [(name, reverse(name)) for name in routes_without_arguments()]
    routes += [(name, reverse(name, kwargs=build())) for name, build in builders.items()]
    return routes


def test_no_route_accepts_a_post_without_the_csrf_token(alice, make_screening):
    # Routes with arguments must be listed in test_privacy.py first; this walk
    # builds those it knows (the owned ones and the capabilities above).
    make_screening(alice)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    routes = every_route_with_its_arguments(alice)
    accepted = {
        f"{name} {url}: {status}"
        for name, url in routes
        if (status := client.post(url, {"password": PASSWORD}).status_code) not in {403, 405}
    }
    assert not accepted, f"POSTs answered without a CSRF token: {sorted(accepted)}"


def test_every_script_carries_the_nonce_on_a_page_without_htmx(client):
    """The sign-in page loads no htmx, whose tag used to be what made the nonce."""
    response = client.get(reverse("login"))
    assert "django_htmx" not in response.content.decode()
    nonce = response["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    scripts = re.findall(r"<script [^>]*>", response.content.decode())
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
