"""Tracking's models: pain logs and sharing (logs.py); guided sessions
(sessions.py) and what they recorded (session_records.py); the per-person
version that the dashboard cache reads, with the model and QuerySet bases that
move it on every write (versions.py); reminder choices and the reminder emails
sent (reminders.py)."""

from .logs import *  # noqa: F403
from .reminders import *  # noqa: F403
from .session_records import *  # noqa: F403
from .sessions import *  # noqa: F403
from .versions import *  # noqa: F403
