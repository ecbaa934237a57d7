"""Tracking's models: pain logs and sharing (logs.py), guided sessions (sessions.py),
and the per-person version of both that the dashboard cache reads (versions.py)."""

from .logs import *  # noqa: F403
from .sessions import *  # noqa: F403
from .versions import *  # noqa: F403
