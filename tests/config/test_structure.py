"""The shape of the code: dependencies point one way, at import time and at run time."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
APPS = ("routines", "screening", "tracking")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "config").glob("*.py")), ids=lambda p: p.name)
def test_config_imports_no_apps_views(path):
    views = {
        name
        for name in imported_modules(path)
        if name.split(".")[0] in APPS and name.split(".")[-1].endswith("views")
    }
    assert views == set()


@pytest.mark.parametrize(
    "path", sorted((ROOT / "routines").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_routines_never_imports_or_names_tracking(path):
    assert not any(name.split(".")[0] == "tracking" for name in imported_modules(path))
    assert '"tracking.' not in path.read_text()  # no dotted path to get round it


@pytest.mark.django_db
def test_the_account_page_links_to_share_links_and_writes_nothing(client_alice):
    client_alice.get(reverse("profile"))  # the first visit sets up the signed-in session
    with CaptureQueriesContext(connection) as queries:
        response = client_alice.get(reverse("profile"))
    assert response.status_code == 200
    assert f'href="{reverse("tracking:shares")}"' in response.content.decode()
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def app_sources() -> list[Path]:
    """Every module of the project's own code, without migrations."""
    return [
        path
        for top in ("config", *APPS)
        for path in sorted((ROOT / top).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def test_only_the_versioned_models_move_the_data_version():
    # Every write the dashboard figures read goes through tracking's models, which
    # move the version in the same transaction; a call by hand elsewhere means a
    # write path that went round them (or one counted twice).
    writer = ROOT / "tracking" / "models" / "versions.py"
    callers = [str(p.relative_to(ROOT)) for p in app_sources() if ".bump(" in p.read_text()]
    assert callers == [str(writer.relative_to(ROOT))]
