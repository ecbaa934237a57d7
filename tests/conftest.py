"""Shared personas, builders and browser fixtures for the whole suite."""

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings

# These machines are shared and busy: a property test is judged on its answers,
# never on how long one example took.
settings.register_profile("limber", deadline=None)
settings.load_profile("limber")

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls from browser tests. Tests only, never settings.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct-horse-battery-staple"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture
def make_user(django_user_model):
    # Personas live in the UK unless a test says otherwise (country="" is
    # someone who has not told us, who gets the fallback advice).
    def make(
        username: str, *, time_zone: str = "UTC", country: str = "GB", password: str = PASSWORD
    ):
        from config.models import Profile

        user = django_user_model.objects.create_user(
            username=username, email=f"{username}@example.com", password=password
        )
        Profile.objects.create(user=user, time_zone=time_zone, country=country)
        return user

    return make


def zone_where_it_is(hour: int) -> str:
    """A fixed-offset time zone whose local clock reads ``hour`` o'clock now, for a
    test that needs a time of day (the quick log's "morning" is before noon)."""
    offset = (hour - datetime.now(UTC).hour) % 24
    if offset > 14:  # zones run from UTC-12 to UTC+14
        offset -= 24
    # The Etc/GMT names carry the sign the other way round: Etc/GMT-9 is UTC+9.
    return f"Etc/GMT{-offset:+d}" if offset else "UTC"


def set_zone(user, name: str) -> None:
    user.profile.time_zone = name
    user.profile.save(update_fields=["time_zone"])


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def bob(make_user):
    return make_user("bob")


@pytest.fixture
def client_alice(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def client_bob(client, bob):
    client.force_login(bob)
    return client


# --- Browser -----------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}. Install Debian's package: "
            "apt-get install -y chromium (or set CHROMIUM_PATH)."
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--headless",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def axe_check():
    """Run axe-core in the page and fail on any WCAG 2.2 AA violation."""

    def check(page, *, context: str = "") -> None:
        page.evaluate(AXE_SOURCE)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
            for v in result["violations"]
        ]
        where = context or page.url
        assert not violations, f"axe violations on {where}:\n" + "\n".join(violations)

    return check


@pytest.fixture
def browser_login(live_server):
    """Log a user in through the real login form (the way a person does)."""

    def login(page, username: str, password: str = PASSWORD) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()

    return login


# --- Screening -----------------------------------------------------------------


@pytest.fixture
def make_screening(db):
    """make_screening(user, tier="clear", cautions=(), answers=None, created_at=None,
    cleared_on=None) stores a result made by the real rules (tests/screening/builders.py)."""
    from tests.screening.builders import make_screening

    return make_screening


@pytest.fixture
def screened(alice, make_screening):
    """Alice with a current, clear safety check (routine pages open for her)."""
    return make_screening(alice)


# --- Shipped data ------------------------------------------------------------------


@pytest.fixture(autouse=True)
def shipped_data(request):
    """The stretch library and stage table come from a data migration. A
    transactional test (every browser test) empties the tables when it ends,
    so each database test gets them put back first."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    transactional = marker.kwargs.get("transaction", bool(marker.args and marker.args[0]))
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.apps import apps

    from tests.shipped import restore_shipped_rows

    restore_shipped_rows(apps)
