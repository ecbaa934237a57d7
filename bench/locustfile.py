"""Locust users for the load, fault and SQLite tests.

Each simulated person logs in once, then keeps using Limber: opens the
progress dashboard and switches its chart to another period (an htmx swap),
logs pain, runs a whole guided session (pain before, every hold, pain after,
all as htmx swaps) and exports their CSV, in the proportions 3:3:2:1. With
BENCH_MIX=painlog they only log pain. An answer refused in an outage is sent
again after a pause, as the phone's queue does; with the period switch, htmx
swaps go on while the fault test stops the database.

Besides locust's own statistics, every request is written to an events file
and every write the app was asked for to a ledger (acknowledged, refused or
unknown), so ``bench/check.py`` can compare them with the database afterwards.

Environment:
  BENCH_PREFIX     account name prefix (``load`` -> load001, load002, ...)
  BENCH_MIX        ``day`` (default) or ``painlog`` (pain-log POSTs only)
  BENCH_THINK      seconds between pages (default 0.5; 0 for none)
  BENCH_OUTAGE_OK  1: a clean 503 page counts as handled, not as a failure
  BENCH_EVENTS, BENCH_LEDGER   JSON-lines files to append to
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
import uuid
from typing import Any

from locust import HttpUser, task

from bench.accounts import PASSWORD, username
from bench.markup import ANSWER
from tracking.trends import Period  # plain Python: no Django set-up needed

PREFIX = os.environ.get("BENCH_PREFIX", "load")
MIX = os.environ.get("BENCH_MIX", "day")
THINK = float(os.environ.get("BENCH_THINK", "0.5"))
OUTAGE_OK = os.environ.get("BENCH_OUTAGE_OK") == "1"
MAX_SESSION_POSTS = 200  # a plan has a few dozen holds; this only bounds a runaway loop

# What the 503 page says: the whole page, and the fragment htmx asks for.
OUTAGE_PAGE_TEXT = "Limber is back in a moment"
OUTAGE_FRAGMENT_TEXT = "Limber is briefly unavailable"

_numbers = itertools.count(1)
_files: dict[str, Any] = {}
SESSION_URL = re.compile(r"/sessions/(\d+)/$")


def _append(env_name: str, record: dict[str, Any]) -> None:
    path = os.environ.get(env_name)
    if not path:
        return
    handle = _files.get(path)
    if handle is None:
        handle = _files[path] = open(path, "a", buffering=1)  # noqa: SIM115 - kept for the run
    handle.write(json.dumps(record) + "\n")


class Person(HttpUser):
    def on_start(self) -> None:
        self.name = username(PREFIX, next(_numbers))
        self.logged_in = False
        self.last_status = 0

    def think(self, scale: float = 1.0) -> None:
        if THINK > 0:
            time.sleep(random.uniform(0.5, 1.5) * THINK * scale)

    @property
    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def call(
        self, method: str, path: str, name: str, expect: tuple[int, ...], *, htmx: bool = False,
        **kwargs: Any,
    ) -> Any:  # fmt: skip
        """One request; returns the response when its status is expected, else None.

        A clean outage answer (503 with Retry-After and the outage text) is
        recorded as such; in the fault test it is not a locust failure.
        """
        headers = kwargs.pop("headers", {})
        if htmx:
            headers["HX-Request"] = "true"
        if method == "POST":
            headers["X-CSRFToken"] = self.csrf
        started = time.time()
        with self.client.request(
            method, path, name=name, headers=headers, allow_redirects=False,
            catch_response=True, **kwargs,
        ) as response:  # fmt: skip
            status = self.last_status = response.status_code or 0
            # Production cookies are Secure; the server keeps its settings and
            # this client sends them back over the plain-HTTP loopback.
            for cookie in self.client.cookies:
                cookie.secure = False
            kind = "ok" if status in expect else self._classify(response, htmx)
            if kind == "ok" or (kind == "outage" and OUTAGE_OK):
                response.success()
            else:
                response.failure(f"{kind}: {status}")
            _append(
                "BENCH_EVENTS",
                {"start": started, "end": time.time(), "name": name, "status": status,
                 "kind": kind, "htmx": htmx, "user": self.name},
            )  # fmt: skip
            return response if kind == "ok" else None

    @staticmethod
    def _classify(response: Any, htmx: bool) -> str:
        status = response.status_code or 0
        if status == 0:
            return "connection"
        if status != 503:
            return "error"
        text = response.text or ""
        expected = OUTAGE_FRAGMENT_TEXT if htmx else OUTAGE_PAGE_TEXT
        clean = response.headers.get("Retry-After") and expected in text
        if htmx:
            # The fragment only: no whole page inside the swap target.
            clean = clean and "<html" not in text
        return "outage" if clean else "unclean-503"

    def login(self) -> bool:
        if self.call("GET", "/accounts/login/", "login page", (200,)) is None:
            return False
        data = {"username": self.name, "password": PASSWORD, "next": ""}
        data["csrfmiddlewaretoken"] = self.csrf
        response = self.call("POST", "/accounts/login/", "login", (302,), data=data)
        self.logged_in = response is not None
        return self.logged_in

    def record(self, what: dict[str, Any], acknowledged: bool) -> None:
        """Note what the app told us about one write, for the database comparison."""
        if acknowledged:
            outcome = "acknowledged"
        elif self.last_status == 503:
            outcome = "refused"
        else:
            outcome = "unknown"  # a broken connection: it may or may not have been stored
        entry = {**what, "user": self.name, "status": self.last_status, "outcome": outcome}
        _append("BENCH_LEDGER", entry)

    def post(self, path: str, name: str, data: dict[str, Any], expect: tuple[int, ...], **kw: Any):
        data = {**data, "csrfmiddlewaretoken": self.csrf}
        return self.call("POST", path, name, expect, data=data, **kw)

    # -- the day -------------------------------------------------------------

    # -- what a person does: weighted, so every part shows up in a short run --

    def signed_in(self) -> bool:
        if self.logged_in or self.login():
            return True
        self.think()
        return False

    @task(3)
    def dashboard(self) -> None:
        if self.signed_in():
            page = self.call("GET", "/progress/", "dashboard", (200,))
            self.think()
            if page is not None:  # a look at the chart, then another period
                period = random.choice(list(Period)).value
                self.call(
                    "GET", f"/progress/?period={period}", "dashboard period (htmx)", (200,),
                    htmx=True,
                )  # fmt: skip
                self.think()

    @task(3)
    def morning_pain(self) -> None:
        if self.signed_in():
            if MIX != "painlog":  # the SQLite test only writes
                self.call("GET", "/log/", "log page", (200,))
            self.log_pain()
            self.think()

    @task(2)
    def session(self) -> None:
        if self.signed_in():
            self.guided_session()
            self.think()

    @task(1)
    def export(self) -> None:
        if self.signed_in():
            self.call("GET", "/progress/export.zip", "export zip", (200,))
            self.think()

    def log_pain(self) -> None:
        note = f"bench {uuid.uuid4().hex}"
        data = {"pain": random.randint(0, 10), "kind": "evening", "note": note, "logged_at": ""}
        response = self.post("/log/", "log pain (POST)", data, (302,))
        if response is not None and response.headers.get("Location", "") != "/log/":
            response = None  # 302 somewhere else (the login page): not a pain-log answer
        self.record({"kind": "painlog", "note": note}, response is not None)

    def guided_session(self) -> None:
        """Start (or carry on with) today's session and answer every screen."""
        start = self.post("/sessions/start/", "session start (POST)", {}, (302,))
        if start is None:
            return
        match = SESSION_URL.search(start.headers.get("Location", ""))
        if match is None:
            now = time.time()
            event = {"start": now, "end": now, "kind": "error", "status": 302}
            _append("BENCH_EVENTS", {**event, "name": "session start (not screened)"})
            return
        pk, url = int(match.group(1)), match.group(0)
        page = self.call("GET", url, "session page", (200,))
        html = page.text if page is not None else ""
        for _ in range(MAX_SESSION_POSTS):
            answer = next(
                ((int(p), a) for p, a in ANSWER.findall(html) if a in ("pain", "done")), None
            )
            if answer is None:
                return  # the summary: the session is finished
            position, action = answer
            data: dict[str, Any] = {"position": position, "action": action}
            if action == "pain":
                data["pain"] = random.randint(0, 10)
            name = "session pain (htmx POST)" if action == "pain" else "session step (htmx POST)"
            response = self.post(url, name, data, (200,), htmx=True)
            what = {"kind": "step", "session": pk, "position": position, "action": action}
            self.record(what, response is not None)
            if response is None and self.last_status == 503:
                self.think()  # refused in an outage: the phone keeps the answer and sends it again
                continue
            if response is None:
                return  # the next day picks the session up where the server has it
            html = response.text
            self.think(0.3)


if MIX == "painlog":
    Person.tasks = [Person.morning_pain]
