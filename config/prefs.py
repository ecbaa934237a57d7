"""The signed-in person's own settings that pages show: read once per request.

The country (for the emergency number on every page) and the sound and voice
choices (for the session timer) come from one plain SELECT of the profile
row (see config.sql), kept on the request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from config.models import Profile
from config.sql import fetch


@dataclass(frozen=True)
class Prefs:
    country: str = ""  # "" until the person tells us
    sounds: str = "on"
    speech: str = ""


NOT_SET = Prefs()
_FIELDS = ("country", "sounds", "speech")
_COLUMNS = tuple(Profile._meta.get_field(name) for name in _FIELDS)
_SELECT = f"SELECT {', '.join(_FIELDS)} FROM {Profile._meta.db_table} WHERE user_id = %s"  # noqa: S608 - names from the model


# For a statement that reads more about the person (screening.records reads the
# safety history on every page): the same columns, joined to a one-row FROM.
JOIN = f"LEFT JOIN {Profile._meta.db_table} prefs ON prefs.user_id = %s"
JOINED_COLUMNS = ", ".join(f"prefs.{name}" for name in _FIELDS)
COLUMNS = _COLUMNS


def keep_prefs(request: HttpRequest, values: tuple[str | None, ...]) -> None:
    """Keep settings read by another statement (``JOIN``), unless already read."""
    if getattr(request, "_prefs", None) is None:
        # ``sounds`` is never empty in a profile row: None means there is no row.
        request._prefs = NOT_SET if values[1] is None else Prefs(*values)  # type: ignore[attr-defined]


def request_prefs(request: HttpRequest) -> Prefs:
    """The person's settings; the defaults for a visitor or a person without a profile."""
    prefs = getattr(request, "_prefs", None)
    if prefs is None:
        user = getattr(request, "user", None)
        rows = fetch(_SELECT, (user.pk,), _COLUMNS) if user and user.is_authenticated else []
        prefs = Prefs(*rows[0]) if rows else NOT_SET
        request._prefs = prefs  # type: ignore[attr-defined]
    return prefs


def forget_prefs(request: HttpRequest) -> None:
    """After the person changes them, the rest of the request reads them afresh."""
    request.__dict__.pop("_prefs", None)


def prefs(request: HttpRequest) -> dict[str, object]:
    """Template context: ``prefs``, read only when a template shows one."""
    return {"prefs": SimpleLazyObject(lambda: request_prefs(request))}
