"""Tracking's models: pain logs and sharing (logs.py), guided sessions (sessions.py)."""

from .logs import *  # noqa: F403
from .sessions import *  # noqa: F403
