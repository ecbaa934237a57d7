"""history_for (the adapter routines reads) and the next-day after-effect question."""

from datetime import UTC, date, datetime, timedelta

import pytest

from routines.progression import History, SessionRecord
from tests.tracking.session_builders import finished_session, start_session
from tracking.history import LastSession, history_for, pending_aftereffect
from tracking.models import AfterEffectCheckin, PainLog, SessionStep

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 21)


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_it_is_empty_for_a_newcomer(alice):
    assert history_for(alice, TODAY) == History(sessions=(), morning_pain=())


def test_it_turns_finished_sessions_into_records_oldest_first(alice):
    yesterday = TODAY - timedelta(days=1)
    finished_session(alice, started_at=at(yesterday), before=5, after=3)
    stopped = finished_session(alice, started_at=at(TODAY), before=4, after=6, status="stopped")
    AfterEffectCheckin.objects.create(session=stopped, lasted_over_2h=True, answered_at=at(TODAY))
    assert history_for(alice, TODAY).sessions == (
        SessionRecord(yesterday, 5, 3, completed=True, stopped=False, pain_lasted_over_2h=None),
        SessionRecord(TODAY, 4, 6, completed=False, stopped=True, pain_lasted_over_2h=True),
    )


def test_it_marks_sessions_with_holds_cut_short_or_skipped_for_pain(alice):
    cut = finished_session(alice, started_at=at(TODAY - timedelta(days=1)))
    skipped = finished_session(alice, started_at=at(TODAY))
    for session, number, outcome, flags in (
        (cut, 1, "done", {"cut_short": True}),
        (cut, 2, "done", {}),
        (skipped, 1, "skipped", {"for_pain": True}),
    ):
        SessionStep.objects.create(
            session=session, number=number, slug="x", side="left", reps=2, outcome=outcome,
            answered_at=at(TODAY), **flags,
        )  # fmt: skip
    records = history_for(alice, TODAY).sessions
    assert [(r.cut_short, r.skipped_for_pain) for r in records] == [(True, False), (False, True)]


def test_it_leaves_out_running_and_unfinished_sessions(alice):
    finished_session(alice, started_at=at(TODAY - timedelta(days=2)), status="not_finished")
    start_session(alice, now=at(TODAY))
    assert history_for(alice, TODAY).sessions == ()


def test_it_keeps_a_missing_pain_after_as_none(alice):
    finished_session(alice, started_at=at(TODAY), before=4, after=None)
    record = history_for(alice, TODAY).sessions[0]
    assert (record.pain_before, record.pain_after) == (4, None)


def test_it_ignores_sessions_after_today(alice):
    finished_session(alice, started_at=at(TODAY + timedelta(days=1)))
    assert history_for(alice, TODAY).sessions == ()


def test_it_only_reads_the_persons_own_sessions(alice, bob):
    finished_session(bob, started_at=at(TODAY))
    assert history_for(alice, TODAY).sessions == ()


def test_it_counts_days_in_the_persons_time_zone(make_user):
    carol = make_user("carol", time_zone="Pacific/Auckland")  # UTC+13 in November
    # 20:00 UTC on the 20th is already the morning of the 21st in Auckland.
    finished_session(carol, started_at=datetime(2026, 11, 20, 20, tzinfo=UTC))
    PainLog.objects.create(
        user=carol, pain=6, kind="morning", logged_at=datetime(2026, 11, 20, 19, tzinfo=UTC)
    )
    history = history_for(carol, TODAY)
    assert history.sessions[0].day == TODAY
    assert history.morning_pain == ((TODAY, 6),)


def test_it_reads_morning_pain_but_not_other_logs(alice):
    PainLog.objects.create(user=alice, pain=3, kind="morning", logged_at=at(TODAY, 7))
    PainLog.objects.create(user=alice, pain=8, kind="evening", logged_at=at(TODAY, 21))
    PainLog.objects.create(
        user=alice, pain=2, kind="morning", logged_at=at(TODAY - timedelta(days=3), 7)
    )
    assert history_for(alice, TODAY).morning_pain == (
        (TODAY - timedelta(days=3), 2),
        (TODAY, 3),
    )


# --- pending_aftereffect ------------------------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "asked"),
    [(0, False), (1, True), (2, True), (3, False)],
)
def test_it_asks_about_a_recent_session_the_next_day(alice, days_ago, asked):
    session = finished_session(alice, started_at=at(TODAY - timedelta(days=days_ago)))
    pending = pending_aftereffect(alice, TODAY)
    assert (pending.pk if pending else None) == (session.pk if asked else None)


def test_it_asks_about_a_stopped_session_too(alice):
    session = finished_session(alice, started_at=at(TODAY - timedelta(days=1)), status="stopped")
    assert pending_aftereffect(alice, TODAY) == LastSession(session.pk, session.started_at)


def test_it_asks_only_once(alice):
    session = finished_session(alice, started_at=at(TODAY - timedelta(days=1)))
    AfterEffectCheckin.objects.create(session=session, lasted_over_2h=False, answered_at=at(TODAY))
    assert pending_aftereffect(alice, TODAY) is None


def test_it_asks_only_about_the_last_session(alice):
    finished_session(alice, started_at=at(TODAY - timedelta(days=1)))
    finished_session(alice, started_at=at(TODAY, 8))  # today's: ask tomorrow
    assert pending_aftereffect(alice, TODAY) is None


def test_it_does_not_ask_about_an_unfinished_session(alice):
    finished_session(alice, started_at=at(TODAY - timedelta(days=1)), status="not_finished")
    assert pending_aftereffect(alice, TODAY) is None


def test_it_does_not_ask_someone_logged_out():
    from django.contrib.auth.models import AnonymousUser

    assert pending_aftereffect(AnonymousUser(), TODAY) is None


def test_the_answer_feeds_the_progression_history(alice):
    session = finished_session(alice, started_at=at(TODAY - timedelta(days=1)))
    AfterEffectCheckin.objects.create(session=session, lasted_over_2h=True, answered_at=at(TODAY))
    assert history_for(alice, TODAY).sessions[0].pain_lasted_over_2h is True
