"""Flash messages kept in the server-side session, each notice waiting once.

A Save repeated before any page is seen (a double tap without JavaScript, a
form sent again from the back button, a script) would otherwise queue the
same "saved" notice again and again: the page then shows it several times,
and the session grows by one message per request, each of them read and
written back on every later request until a page shows them. A notice
identical to one already waiting is not queued again; when nothing new is
queued, the session is not written.
"""

from __future__ import annotations

from typing import Any

from django.contrib.messages.storage.session import SessionStorage


class OncePerNoticeStorage(SessionStorage):
    def add(self, level: int, message: Any, extra_tags: str = "") -> None:
        # Once the page has shown the loaded notices they are gone: only new ones wait.
        waiting = [*([] if self.used else self._loaded_messages), *self._queued_messages]
        if any(
            m.level == int(level)
            and str(m.message) == str(message)
            and (m.extra_tags or "") == (extra_tags or "")
            for m in waiting
        ):
            return
        super().add(level, message, extra_tags)
