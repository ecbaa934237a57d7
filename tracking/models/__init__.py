"""Tracking's models: pain logs and sharing (logs.py), guided sessions (sessions.py),
and the per-person version of both that the dashboard cache reads (versions.py),
reminder choices and the reminder emails sent (reminders.py)."""

from .logs import *  # noqa: F403
from .reminders import *  # noqa: F403
from .sessions import *  # noqa: F403
from .versions import *  # noqa: F403
