"""Guided sessions: the server-side state of one stretching session and what it recorded.

The flow itself (which screen comes next, what a POST may change) is the pure
state machine in ``tracking.session_flow``; these models store its state and
apply the effects it returns.
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from datetime import date, datetime
from functools import cache, cached_property
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from config.sql import Beside, execute
from config.time_zones import local_day, start_of_day
from tracking import session_flow as flow
from tracking.session_cards import stretch_cards

from .logs import PainLog
from .session_records import NOTE_MAX, SessionStep, StopSignal
from .versions import Versioned, VersionedQuerySet

__all__ = ["Session", "SessionQuerySet"]

# Where a running session is and what it asks: every answer may move these, and
# the dashboard reads none of them.
_PROGRESS_FIELDS = (
    "position",
    "asking",
    "stop_note",
    "paused_at",
    "paused_seconds",
    "step_shown_at",
    "last_activity_at",
)


@cache
def _select(vendor: str) -> str:
    """Session.objects.answer_read's SELECT, written once per database kind."""
    fields = Session._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(Session._meta.db_table)
    return f"SELECT {columns} FROM {table} WHERE id = %s AND user_id = %s"  # noqa: S608 - names from the model


@cache
def _step() -> tuple[models.Field, ...]:
    return tuple(f for f in SessionStep._meta.concrete_fields if not f.primary_key)


# What an answer was worked out from. Every answer moves last_activity_at, so a
# row that still holds these has had no other answer since it was read.
_READ_AS = ("status", "position", "asking", "last_activity_at")


@cache
def _progress_sql(vendor: str, fields: tuple[str, ...], steps: int) -> tuple[str, str]:
    """An answer's write, written once per database kind, set of session fields
    and number of steps answered: (the UPDATE of the session's ``fields``, only
    while the row still holds what the answer read (``_READ_AS``); the INSERT of
    its steps).

    On PostgreSQL the INSERT rides behind the UPDATE in one statement, and only
    for a row the UPDATE changed; the second item is empty. SQLite has no UPDATE
    inside a WITH and runs the INSERT after it. Compiling the two through the ORM
    cost about 0.5 ms of CPU on each answer against 0.1 ms for the statement
    (2 cores, PostgreSQL 15).
    """
    qn = connection.ops.quote_name
    column = {name: qn(Session._meta.get_field(name).column) for name in (*fields, *_READ_AS)}
    sets = ", ".join(f"{column[name]} = %s" for name in fields)
    read_as = " AND ".join(f"{column[name]} = %s" for name in _READ_AS)
    update = f"UPDATE {qn(Session._meta.db_table)} SET {sets} WHERE id = %s AND {read_as}"  # noqa: S608 - names from the model
    if not steps:
        return update, ""
    columns = ", ".join(qn(f.column) for f in _step())
    table = qn(SessionStep._meta.db_table)
    if vendor == "postgresql":
        # Typed here: values in a SELECT take no type from the columns they fill.
        # A length is left off, so a value too long is refused, not cut.
        casts = [re.sub(r"\(\d+\)", "", f.cast_db_type(connection)) for f in _step()]
        row = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
        rows = ", ".join([row] * steps)
        return (
            f"WITH moved AS ({update} RETURNING 1) "  # noqa: S608 - names from the model
            f"INSERT INTO {table} ({columns}) "
            f"SELECT answered.* FROM moved, (VALUES {rows}) AS answered",
            "",
        )
    row = "(" + ", ".join(["%s"] * len(_step())) + ")"
    return update, f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * steps)}"  # noqa: S608 - names from the model


class Answer(NamedTuple):
    """An answer worked out on a session in memory (``Session.answer``), to store."""

    fields: tuple[str, ...]  # the session's fields it changes
    steps: tuple[SessionStep, ...]  # one, or both sides of a skipped stretch
    read_as: tuple[Any, ...]  # the session's _READ_AS when it was worked out


class SessionQuerySet(VersionedQuerySet["Session"]):
    def for_user(self, user: object) -> SessionQuerySet:
        return self.filter(user=user)

    def answer_read(self, pk: int, user: Any) -> Beside:
        """One person's session: the SELECT, to read inside another statement
        (every answer reads its session with the safety history this way;
        ``from_row`` makes the session). Not locked: the answer's write checks
        the row still holds what was read (``Session.store``).

        Written out once rather than compiled on each answer (see config.sql).
        """
        fields = tuple(self.model._meta.concrete_fields)
        return Beside(_select(connection.vendor), (pk, getattr(user, "pk", user)), fields)

    def from_row(self, row: tuple[Any, ...]) -> Session | None:
        """The session in a row of ``answer_read`` (None when the row is empty)."""
        if row[0] is None:
            return None
        fields = self.model._meta.concrete_fields
        return self.model.from_db(self.db, [f.attname for f in fields], row)

    def in_progress(self) -> SessionQuerySet:
        return self.filter(status=Session.Status.IN_PROGRESS)

    def finished(self) -> SessionQuerySet:
        """Sessions that ran to the end or were stopped (not left unfinished, not running)."""
        return self.filter(status__in=[Session.Status.COMPLETED, Session.Status.STOPPED])

    def left_before(self, today: date) -> SessionQuerySet:
        """Running sessions last used before ``today`` (in the active time zone)."""
        start = start_of_day(today, timezone.get_current_timezone())
        return self.in_progress().filter(last_activity_at__lt=start)

    def running_on(self, today: date) -> SessionQuerySet:
        """The running session that may still be resumed ``today``."""
        start = start_of_day(today, timezone.get_current_timezone())
        return self.in_progress().filter(last_activity_at__gte=start)

    def close_unfinished(self, today: date) -> int:
        """Close sessions left in progress on an earlier day as "not finished"; logs stay."""
        return self.left_before(today).update(
            status=Session.Status.NOT_FINISHED,
            ended_at=models.F("last_activity_at"),
            paused_at=None,
            asking="",
        )


class Session(Versioned):
    class Status(models.TextChoices):
        IN_PROGRESS = flow.Status.IN_PROGRESS.value, "In progress"
        COMPLETED = flow.Status.COMPLETED.value, "Completed"
        STOPPED = flow.Status.STOPPED.value, "Stopped"
        NOT_FINISHED = flow.Status.NOT_FINISHED.value, "Not finished"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guided_sessions"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField()
    # The plan as it was when the session started: later rule changes never
    # move a running session's steps under the person's feet.
    plan = models.JSONField(default=list)
    position = models.PositiveIntegerField(default=0)
    # A question in front of the current step: "stop" (why?), "skip" (pain?),
    # "body" (was "something else" about how the body felt?), or "rest" (after
    # a cramp: resting, then carry on here).
    asking = models.CharField(max_length=4, blank=True, default="")
    # The "something else" note, kept while the body question is asked.
    stop_note = models.CharField(max_length=NOTE_MAX, blank=True, default="")
    # Paused ("I was interrupted") since this moment; the time paused so far.
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(default=0)
    # When the current step screen was first shown: "Done" before half its
    # time counts as cut short.
    step_shown_at = models.DateTimeField(null=True, blank=True)
    # The plan's walk, done after the session and not as a step of it.
    walk_seconds = models.PositiveIntegerField(default=0)
    stage = models.PositiveSmallIntegerField(null=True, blank=True)
    # What each hold screen shows from the library (steps, breathing cue,
    # picture), by stretch slug, copied at the start like the plan: an answer
    # then needs no library read. Empty for sessions started before it existed.
    cards = models.JSONField(default=dict, blank=True)

    objects = SessionQuerySet.as_manager()
    # Saving only these (an answer, a pause, the gentler plan) keeps the cached figures.
    figures_ignore = frozenset({*_PROGRESS_FIELDS, "plan", "cards"})

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "status", "started_at"]),
            # The streak and the last session, newest first whatever the status.
            models.Index(fields=["user", "started_at"], name="tracking_session_user_started"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="in_progress"),
                name="one_session_in_progress_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"Session {self.pk} of {self.user} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("tracking:session", kwargs={"pk": self.pk})

    @classmethod
    def begin(
        cls,
        user: Any,
        steps: Any,
        *,
        stage: int | None,
        now: datetime,
        cards: dict[str, Any] | None = None,
    ) -> Session:
        steps = tuple(steps)
        if cards is None:
            cards = stretch_cards({step.slug for step in steps})
        walks = {slug for slug, card in cards.items() if card.get("is_walk")}
        return cls.objects.create(
            user=user,
            plan=flow.snapshot_plan(steps, leave_out=walks),
            walk_seconds=flow.walk_seconds(steps, walks),
            cards={slug: card for slug, card in cards.items() if slug not in walks},
            stage=stage,
            started_at=now,
            last_activity_at=now,
        )

    @cached_property
    def steps(self) -> tuple[flow.StepScreen, ...]:
        return flow.expand(self.plan)

    @property
    def state(self) -> flow.FlowState:
        return flow.FlowState(
            self.position,
            flow.Status(self.status),
            flow.Ask(self.asking),
            self.paused_at is not None,
        )

    @property
    def screen(self) -> flow.Screen:
        return flow.screen_for(self.state, len(self.steps))

    @property
    def current_step(self) -> flow.StepScreen | None:
        if self.screen in flow.STEP_SCREENS:
            return self.steps[self.position - 1]
        return None

    @property
    def next_step(self) -> flow.StepScreen | None:
        step = self.current_step
        return (
            self.steps[step.number] if step is not None and step.number < len(self.steps) else None
        )

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    @property
    def seconds_spent(self) -> float:
        """From start to end, less the time it was paused."""
        end = self.ended_at or self.last_activity_at
        paused = self.paused_seconds
        if self.paused_at is not None:
            paused += max(0.0, (end - self.paused_at).total_seconds())
        return max(0.0, (end - self.started_at).total_seconds() - paused)

    def held_seconds(self, now: datetime, scale: float) -> float | None:
        """Time since the current step was shown, in timer seconds (None: not known)."""
        if self.step_shown_at is None or scale <= 0:
            return None
        return (now - self.step_shown_at).total_seconds() / scale

    def left_unfinished(self, today: date) -> bool:
        """Still in progress, but last used before ``today``: it closes as "not finished".

        This only changes the instance, never the row: a page view (GET) shows the
        session as closed without writing, and the next POST that touches this
        person's sessions stores it (``save_closed`` here, or
        ``SessionQuerySet.close_unfinished`` when a session starts). Both write
        the same thing, so it does not matter which comes first.
        """
        last_day = local_day(self.last_activity_at, timezone.get_current_timezone())
        if not flow.is_left_unfinished(flow.Status(self.status), last_day, today):
            return False
        self.status = self.Status.NOT_FINISHED
        self.ended_at = self.last_activity_at
        self.paused_at = None
        self.asking = ""
        return True

    def save_closed(self) -> None:
        self.save(update_fields=["status", "ended_at", "paused_at", "asking"])

    def ease(self, steps: Any, cards: dict[str, Any]) -> None:
        """Swap the plan for the gentle one, before the first stretch is answered."""
        steps = tuple(steps)
        walks = {slug for slug, card in cards.items() if card.get("is_walk")}
        self.plan = flow.snapshot_plan(steps, leave_out=walks)
        self.cards = {slug: card for slug, card in cards.items() if slug not in walks}
        self.__dict__.pop("steps", None)  # the cached expansion of the old plan
        self.save(update_fields=["plan", "cards"])

    class Moved(Exception):
        """The session moved on after it was read (another tab, a double tap):
        nothing of the answer worked out on the old row is stored."""

    def answer(self, transition: flow.Transition, now: datetime) -> Answer:
        """Take a transition on this instance, in memory: the new position and
        what the session itself keeps of each effect. ``store`` writes it; the
        pain and stop rows are ``apply``'s."""
        read_as = tuple(getattr(self, name) for name in _READ_AS)
        steps: list[SessionStep] = []
        for effect in transition.effects:
            match effect:
                case flow.RecordStep(
                    number=number, outcome=outcome, cut_short=cut_short, for_pain=for_pain
                ):
                    step = self.steps[number - 1]
                    steps.append(
                        SessionStep(
                            session=self,
                            number=number,
                            slug=step.slug,
                            side=step.side,
                            reps=step.reps,
                            outcome=outcome.value,
                            cut_short=cut_short,
                            for_pain=for_pain,
                            answered_at=now,
                        )
                    )
                case flow.KeepNote(note=note):
                    self.stop_note = note[:NOTE_MAX]
                case flow.ShowStep():
                    self.step_shown_at = now
                case flow.Pause():
                    self.paused_at = now
                case flow.Resume():
                    if self.paused_at is not None:
                        paused = (now - self.paused_at).total_seconds()
                        self.paused_seconds += max(0, round(paused))
                    self.paused_at = None
                case flow.Finish(status=status):
                    self.status = status.value
                    self.ended_at = now
        self.position = transition.state.position
        self.asking = transition.state.asking.value
        self.last_activity_at = now
        # Only the end changes what the dashboard reads of the session itself
        # (its pain and stop rows move the version as they are written): a step,
        # a pause or a question saves fields it ignores, and leaves the cache be.
        ended = ("status", "ended_at") if _ends(transition) else ()
        return Answer((*ended, *_PROGRESS_FIELDS), tuple(steps), read_as)

    @staticmethod
    def stored_in_one_write(transition: flow.Transition) -> bool:
        """Whether ``store`` alone keeps all of a transition: no pain or stop row,
        no end (which moves the figures' version)."""
        return not any(isinstance(e, _OWN_ROWS) for e in transition.effects)

    def store(self, answer: Answer) -> None:
        """Write an answer taken by ``answer``: the session's changed fields and the
        steps just answered, only while the row still holds what was read, else
        ``Session.Moved`` and nothing written. One statement on PostgreSQL, for
        the most frequent write of all (see ``_progress_sql``); it needs no
        transaction of its own there. The version moves only when the session ends.
        """
        sql, insert = _progress_sql(connection.vendor, answer.fields, len(answer.steps))
        saved = [
            field.get_db_prep_save(getattr(self, field.attname), connection)
            for field in map(self._meta.get_field, answer.fields)
        ]
        read_as = [
            self._meta.get_field(name).get_db_prep_save(value, connection)
            for name, value in zip(_READ_AS, answer.read_as, strict=True)
        ]
        params = [*saved, self.pk, *read_as]
        steps = [
            f.get_db_prep_save(getattr(row, f.attname), connection)
            for row in answer.steps
            for f in _step()
        ]
        # One statement with nothing else to write is its own transaction; else
        # a transaction (no SAVEPOINT inside the caller's). A row that moved is
        # left as it is, and nothing else is written.
        alone = not insert and not self.figures_read(answer.fields)
        with nullcontext() if alone else transaction.atomic(savepoint=False):
            moved = not execute(sql, [*params, *([] if insert else steps)])
            if not moved:
                if insert:  # a database without UPDATE inside a WITH: a statement of its own
                    execute(insert, steps)
                self.written_by_hand(answer.fields)
        if moved:
            raise Session.Moved(self.pk)

    def apply(self, transition: flow.Transition, now: datetime) -> None:
        """Store a transition: the new position and every effect, in one
        transaction; ``Session.Moved`` and nothing stored when another answer
        came first. The session's own write goes first: it holds the row until
        the transaction ends."""
        with transaction.atomic(savepoint=False):
            self.store(self.answer(transition, now))
            for effect in transition.effects:
                match effect:
                    case flow.RecordPain(kind=kind, pain=pain):
                        PainLog.objects.create(
                            user_id=self.user_id,
                            pain=pain,
                            kind=kind.value,
                            session=self,
                            logged_at=now,
                        )
                    case flow.RecordStop(reason=reason, note=note, step_number=number):
                        # A session carried on after a cramp may stop again: the
                        # newest stop is the one the session ended with.
                        StopSignal.objects.update_or_create(
                            session=self,
                            defaults={
                                "reason": reason.value,
                                "note": note[:NOTE_MAX],
                                "step_number": number,
                                "created_at": now,
                            },
                        )


_OWN_ROWS = (flow.RecordPain, flow.RecordStop, flow.Finish)


def _ends(transition: flow.Transition) -> bool:
    return any(isinstance(effect, flow.Finish) for effect in transition.effects)
