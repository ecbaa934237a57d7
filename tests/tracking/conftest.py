"""Fixtures for the guided-session view tests."""

import pytest

from tests.tracking.session_builders import install_fake_today, start_session


@pytest.fixture
def today_calls(monkeypatch):
    """Today's routine replaced by the fixed plan; the (day, record) calls it got."""
    return install_fake_today(monkeypatch)


@pytest.fixture
def running(screened, alice, today_calls):
    """Alice, screened, with a fresh session of the fixed plan."""
    return start_session(alice)
