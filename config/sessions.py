"""Sessions kept in the database as Django keeps them, changed in one statement.

Django's store wraps every save in a transaction of its own: BEGIN, UPDATE,
COMMIT. Changing a session that exists is a single UPDATE, atomic by itself,
so here it is sent alone: two round trips fewer whenever a request changes its
session (the confirmation after a Save, the "last used" time). A session that
has gone meanwhile still raises ``UpdateError``, as Django's does; creating
one is Django's own code.
"""

from __future__ import annotations

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore


class SessionStore(DatabaseStore):
    def save(self, must_create: bool = False) -> None:
        if must_create or self.session_key is None:
            super().save(must_create=must_create)
            return
        changed = self.model._default_manager.filter(session_key=self.session_key).update(
            session_data=self.encode(self._get_session()),
            expire_date=self.get_expiry_date(),
        )
        if not changed:
            raise UpdateError
