"""The dashboard keeps its figures in the cache, and every write shows at once."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.time_zones import local_day
from routines.models import StageDecision, StageRule
from screening.rules import Tier
from tests.conftest import PASSWORD, set_zone, zone_where_it_is
from tests.screening.builders import make_screening
from tests.tracking.builders import make_log, make_mornings
from tests.tracking.session_builders import HOLDS, answer, finished_session
from tracking.management.commands import seed_demo
from tracking.models import (
    AfterEffectCheckin,
    PainLog,
    PegCheckin,
    Session,
    StopSignal,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("tracking:dashboard")
REPORT = reverse("tracking:report")
MORNING_4 = "<td>4.0</td>"
MORNING_7 = "<td>7.0</td>"
NO_PAIRS = "No sessions with a pain score before and after"
NEXT_DAY_QUESTION = "Answer one question about your last session"
NUMBNESS = "Numbness or tingling getting worse or spreading"
PEG_5 = "Weekly check-in (PEG-3): latest score <strong>5.0</strong>"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def page(client, url: str = DASHBOARD) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def behind_the_models(user, pain: int) -> None:
    """Change every log of ``user`` in SQL written by hand: the one write the models miss."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {PainLog._meta.db_table} SET pain = %s WHERE user_id = %s",  # noqa: S608
            [pain, user.pk],
        )


def test_it_serves_a_repeat_visit_from_the_cache(client_alice, alice) -> None:
    make_log(alice, 4)
    page(client_alice)
    behind_the_models(alice, 9)
    assert "Morning pain" in page(client_alice)
    assert "9.0" not in page(client_alice)


def test_a_cache_hit_makes_few_queries(client_alice, alice, django_assert_num_queries) -> None:
    make_screening(alice, Tier.CLEAR)
    now = timezone.now()
    for d in range(42):
        make_log(alice, 5, at=now - timedelta(days=d))
    page(client_alice)
    page(client_alice)  # the time zone is cached in the session after the first request
    # Session and user; then one statement: the safety history (results with their
    # clearances, how many red-flag answers, records of being seen and stops there
    # are), the country for the warning card, and the data version with the weekly
    # target: the figures, charts, tables and next-day question cost nothing more.
    with django_assert_num_queries(3):
        page(client_alice)


def test_a_first_view_reads_each_series_once(client_alice, alice) -> None:
    make_screening(alice, Tier.CLEAR)
    now = timezone.now()
    for d in range(42):
        make_log(alice, 5, at=now - timedelta(days=d))
    finished_session(alice, started_at=now - timedelta(days=1))
    page(client_alice)  # the time zone is cached in the session after the first request
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        content = page(client_alice)
    assert NEXT_DAY_QUESTION in content
    # Session and user; the safety history, read with the cache key, the span of
    # morning logs and the last finished session; then the mornings, the
    # sessions' before and after, sessions per day and check-ins.
    assert len(queries) == 7, [q["sql"][:80] for q in queries.captured_queries]


def test_it_shows_a_new_pain_log_at_once(client_alice) -> None:
    assert MORNING_4 not in page(client_alice)
    client_alice.post(reverse("tracking:log"), {"pain": "4", "kind": "morning"})
    assert MORNING_4 in page(client_alice)


def test_it_shows_an_edited_pain_log_at_once(client_alice, alice) -> None:
    entry = make_log(alice, 4)
    assert "<td>4.0</td>" in page(client_alice)
    client_alice.post(
        reverse("tracking:log-edit", args=[entry.pk]),
        {
            "pain": "7",
            "kind": "morning",
            "logged_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert PainLog.objects.get(pk=entry.pk).pain == 7
    assert "<td>7.0</td>" in page(client_alice)


def test_it_forgets_a_deleted_pain_log_at_once(client_alice, alice) -> None:
    entry = make_log(alice, 4)
    assert MORNING_4 in page(client_alice)
    client_alice.post(reverse("tracking:log-delete", args=[entry.pk]))
    assert MORNING_4 not in page(client_alice)


def test_a_session_counts_as_soon_as_its_holds_are_over(
    client_alice, alice, screened, today_calls
) -> None:
    assert "0 sessions in this period" in page(client_alice)
    client_alice.post(reverse("tracking:session-start"))
    running = alice.guided_sessions.get()
    answer(client_alice, running, 0, "pain", pain=5)
    for position in range(1, HOLDS + 1):
        assert "0 sessions in this period" in page(client_alice)  # started is not done
        answer(client_alice, running, position, "done")
    assert "1 session in this period" in page(client_alice)
    assert NO_PAIRS in page(client_alice)
    answer(client_alice, running, HOLDS + 1, "pain", pain=3)
    assert "over the 1 session with a pain score before and after." in page(client_alice)


def test_it_reports_a_stopped_session_at_once(client_alice, alice, screened, today_calls) -> None:
    client_alice.post(reverse("tracking:session-start"))
    running = alice.guided_sessions.get()
    answer(client_alice, running, 0, "pain", pain=5)
    answer(client_alice, running, 1, "stop")  # asks why
    assert NUMBNESS not in page(client_alice, REPORT)
    answer(client_alice, running, 1, "stop", reason="numbness")
    assert NUMBNESS in page(client_alice, REPORT)


def test_a_plain_step_leaves_the_cache_alone(client_alice, alice, screened, today_calls) -> None:
    make_log(alice, 4)
    client_alice.post(reverse("tracking:session-start"))
    running = alice.guided_sessions.get()
    answer(client_alice, running, 0, "pain", pain=5)
    assert MORNING_4 in page(client_alice)
    behind_the_models(alice, 9)
    answer(client_alice, running, 1, "done")
    # The step changed nothing the figures read, so they still come from the cache.
    assert MORNING_4 in page(client_alice)


def test_it_shows_a_weekly_check_in_at_once(client_alice) -> None:
    latest = "Weekly check-in (PEG-3): latest score <strong>5.0</strong>"
    assert latest not in page(client_alice)
    client_alice.post(reverse("tracking:peg"), {"pain": "5", "enjoyment": "4", "activity": "6"})
    assert latest in page(client_alice)


def test_it_stops_asking_the_next_day_question_once_answered(client_alice, alice) -> None:
    yesterdays = finished_session(alice, started_at=timezone.now() - timedelta(days=1))
    assert NEXT_DAY_QUESTION in page(client_alice)
    client_alice.post(
        reverse("tracking:session-aftereffect", args=[yesterdays.pk]), {"lasted_over_2h": "no"}
    )
    assert NEXT_DAY_QUESTION not in page(client_alice)


def test_it_shows_an_undone_delete_at_once(client_alice, alice) -> None:
    entry = make_log(alice, 4)
    client_alice.post(reverse("tracking:log-delete", args=[entry.pk]))
    assert MORNING_4 not in page(client_alice)
    token = client_alice.session["tracking_undo_delete"]
    client_alice.post(reverse("tracking:log-restore"), {"undo": token})
    assert MORNING_4 in page(client_alice)


def test_it_shows_a_quick_log_at_once(client_alice, alice) -> None:
    set_zone(alice, zone_where_it_is(9))  # a morning log, whatever the hour of the run
    assert MORNING_4 not in page(client_alice)
    client_alice.post(
        reverse("tracking:log"),
        {"quick": "1", "kind": "morning", "pain": "4"},
        HTTP_HX_REQUEST="true",
    )
    assert MORNING_4 in page(client_alice)


def test_it_shows_a_replaced_morning_log_at_once(client_alice, alice) -> None:
    entry = make_log(alice, 4)
    assert MORNING_4 in page(client_alice)
    client_alice.post(
        reverse("tracking:log"), {"pain": "7", "kind": "morning", "replace": entry.pk}
    )
    assert MORNING_7 in page(client_alice)


def test_it_is_empty_at_once_after_deleting_all_data(client_alice, alice) -> None:
    make_log(alice, 4)
    assert MORNING_4 in page(client_alice)
    client_alice.post(reverse("tracking:data-delete"), {"password": PASSWORD})
    assert not PainLog.objects.filter(user=alice).exists()
    assert MORNING_4 not in page(client_alice)


def test_it_shows_seeded_demo_history_at_once(client_alice, alice) -> None:
    assert "after a week of morning logs: 0 of 7 so far" in page(client_alice)
    assert "Current streak: <strong>0 days</strong>" in page(client_alice)
    now = timezone.now()
    zone = timezone.get_default_timezone()
    seed_demo.seed_history(alice, today=local_day(now, zone), now=now, zone=zone)
    assert "Current streak: <strong>0 days</strong>" not in page(client_alice)
    assert "after a week of morning logs" not in page(client_alice)


def test_it_shows_a_new_safety_check_at_once(client_alice, alice) -> None:
    assert "Take the safety check" in page(client_alice)
    make_screening(alice, Tier.CLEAR)
    assert "Take the safety check" not in page(client_alice)


def test_it_says_see_your_gp_as_soon_as_a_log_makes_it_apply(client_alice, alice) -> None:
    make_mornings(alice, 5, range(7, 14))
    make_mornings(alice, 6, range(1, 7))  # the latest week still holds a 5: 5.9, 17 % up
    assert "See your GP or physio" not in page(client_alice)
    client_alice.post(reverse("tracking:log"), {"pain": "10", "kind": "morning"})
    assert "higher than when you started: 5.0 → 6.6" in page(client_alice)


def test_it_drops_the_gp_advice_as_soon_as_the_log_is_deleted(client_alice, alice) -> None:
    make_mornings(alice, 5, range(7, 14))
    make_mornings(alice, 6, range(1, 7))
    entry = make_log(alice, 10)
    assert "See your GP or physio" in page(client_alice)
    client_alice.post(reverse("tracking:log-delete", args=[entry.pk]))
    assert "See your GP or physio" not in page(client_alice)


def test_it_hides_the_weekly_target_as_soon_as_a_check_blocks(client_alice, alice) -> None:
    make_screening(alice, Tier.CLEAR)
    assert "planned sessions this week" in page(client_alice)
    make_screening(alice, Tier.EMERGENCY)
    assert "planned sessions this week" not in page(client_alice)


def test_it_reads_the_weekly_target_fresh_on_a_cache_hit(client_alice, alice) -> None:
    page(client_alice)
    today = timezone.localdate()
    StageDecision.objects.create(
        user=alice, day=today, from_stage=1, to_stage=4, action="advance", since=today
    )
    target = StageRule.objects.get(number=4).sessions_min
    assert f"of {target}</strong> planned sessions this week" in page(client_alice)


def test_it_keeps_periods_apart(client_alice, alice) -> None:
    make_log(alice, 4)
    assert 'aria-current="page">6 weeks</a>' in page(client_alice)
    response = client_alice.get(DASHBOARD, {"period": "all"})
    assert b'aria-current="page">All time</a>' in response.content


def test_it_never_mixes_two_people(client_alice, alice, bob) -> None:
    make_log(alice, 4)
    assert MORNING_4 in page(client_alice)
    other = Client()
    other.force_login(bob)
    assert MORNING_4 not in page(other)


def test_it_forgets_a_log_an_admin_deletes(client_alice, alice, django_user_model) -> None:
    entry = make_log(alice, 4)
    assert MORNING_4 in page(client_alice)
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser("support", "s@example.com", "x"))
    response = staff.post(
        reverse("admin:tracking_painlog_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert MORNING_4 not in page(client_alice)


def test_it_forgets_check_ins_an_admin_deletes_in_bulk(client_alice, alice, admin_client) -> None:
    checkin = PegCheckin.objects.create(user=alice, pain=5, enjoyment=4, activity=6)
    assert PEG_5 in page(client_alice)
    response = admin_client.post(
        reverse("admin:tracking_pegcheckin_changelist"),
        {"action": "delete_selected", "_selected_action": [checkin.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert PEG_5 not in page(client_alice)


# Writes straight to the models, as a new view, command or shell would make them:
# each shows on the next view with no call to remember.


def _resave(entry: PainLog) -> None:
    entry.pain = 7
    entry.save()


def _resave_pain_only(entry: PainLog) -> None:
    entry.pain = 7
    entry.save(update_fields=["pain"])


def _bulk_update(entry: PainLog) -> None:
    entry.pain = 7
    PainLog.objects.bulk_update([entry], ["pain"])


@pytest.mark.parametrize(
    "change",
    [
        _resave,
        _resave_pain_only,
        lambda entry: PainLog.objects.filter(pk=entry.pk).update(pain=7),
        lambda entry: PainLog.objects.for_user(entry.user).of_kind("morning").update(pain=7),
        lambda entry: entry.user.pain_logs.update(pain=7),
        _bulk_update,
        lambda entry: PainLog.objects.update_or_create(pk=entry.pk, defaults={"pain": 7}),
    ],
    ids=[
        "save",
        "save-update-fields",
        "queryset-update",
        "custom-queryset-update",
        "related-manager-update",
        "bulk-update",
        "update-or-create",
    ],
)
def test_it_shows_a_log_changed_through_the_models(client_alice, alice, change) -> None:
    entry = make_log(alice, 4)
    assert MORNING_4 in page(client_alice)
    change(entry)
    assert MORNING_7 in page(client_alice)


@pytest.mark.parametrize(
    "remove",
    [
        lambda entry: entry.delete(),
        lambda entry: PainLog.objects.filter(pk=entry.pk).delete(),
        lambda entry: entry.user.pain_logs.all().delete(),
    ],
    ids=["delete", "queryset-delete", "related-manager-delete"],
)
def test_it_forgets_a_log_deleted_through_the_models(client_alice, alice, remove) -> None:
    entry = make_log(alice, 4)
    assert MORNING_4 in page(client_alice)
    remove(entry)
    assert MORNING_4 not in page(client_alice)


@pytest.mark.parametrize(
    "add",
    [
        lambda user: PainLog.objects.create(user=user, pain=4),
        lambda user: user.pain_logs.create(pain=4),
        lambda user: PainLog.objects.get_or_create(user=user, pain=4),
        lambda user: PainLog.objects.bulk_create([PainLog(user=user, pain=4)]),
    ],
    ids=["create", "related-manager-create", "get-or-create", "bulk-create"],
)
def test_it_shows_a_log_added_through_the_models(client_alice, alice, add) -> None:
    assert MORNING_4 not in page(client_alice)
    add(alice)
    assert MORNING_4 in page(client_alice)


def test_it_shows_each_persons_change_from_one_update(client_alice, alice, bob) -> None:
    make_log(alice, 4)
    make_log(bob, 4)
    other = Client()
    other.force_login(bob)
    assert MORNING_4 in page(client_alice)
    assert MORNING_4 in page(other)
    PainLog.objects.filter(pain=4).update(pain=7)
    assert MORNING_7 in page(client_alice)
    assert MORNING_7 in page(other)


@pytest.mark.parametrize(
    "add",
    [
        lambda user: PegCheckin.objects.create(user=user, pain=5, enjoyment=4, activity=6),
        lambda user: PegCheckin.objects.bulk_create(
            [PegCheckin(user=user, pain=5, enjoyment=4, activity=6)]
        ),
        lambda user: PegCheckin.objects.filter(user=user).update(pain=5, enjoyment=4, activity=6),
    ],
    ids=["create", "bulk-create", "queryset-update"],
)
def test_it_shows_a_check_in_written_through_the_models(client_alice, alice, add) -> None:
    PegCheckin.objects.create(user=alice, pain=9, enjoyment=9, activity=9)
    assert PEG_5 not in page(client_alice)
    add(alice)
    assert PEG_5 in page(client_alice)


def test_it_counts_sessions_written_through_the_models(client_alice, alice) -> None:
    assert "0 sessions in this period" in page(client_alice)
    now = timezone.now()
    done = {"started_at": now, "last_activity_at": now, "status": "completed"}
    made = Session.objects.create(user=alice, **done)
    assert "1 session in this period" in page(client_alice)
    Session.objects.filter(pk=made.pk).update(started_at=now - timedelta(days=400))
    assert "0 sessions in this period" in page(client_alice)
    Session.objects.bulk_create([Session(user=alice, **done)])
    assert "1 session in this period" in page(client_alice)
    alice.guided_sessions.all().delete()
    assert "0 sessions in this period" in page(client_alice)


def test_it_follows_next_day_answers_written_through_the_models(client_alice, alice) -> None:
    yesterdays = finished_session(alice, started_at=timezone.now() - timedelta(days=1))
    assert NEXT_DAY_QUESTION in page(client_alice)
    answered = AfterEffectCheckin.objects.create(
        session=yesterdays, lasted_over_2h=False, answered_at=timezone.now()
    )
    assert NEXT_DAY_QUESTION not in page(client_alice)
    # Loaded afresh, without its session: the owner is read through it.
    AfterEffectCheckin.objects.get(pk=answered.pk).delete()
    assert NEXT_DAY_QUESTION in page(client_alice)


def test_it_reports_stop_signals_written_through_the_models(client_alice, alice) -> None:
    stopped = finished_session(alice, started_at=timezone.now(), status="stopped")
    assert NUMBNESS not in page(client_alice, REPORT)
    StopSignal.objects.create(
        session=stopped, reason="numbness", step_number=1, created_at=timezone.now()
    )
    assert NUMBNESS in page(client_alice, REPORT)
    StopSignal.objects.filter(session__user=alice).update(reason="cramp")
    assert NUMBNESS not in page(client_alice, REPORT)
