"""The progress dashboard: full page and fragment, words, and a bounded query count."""

import re
from datetime import UTC, datetime, time, timedelta
from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from screening.models import FlagAnswer
from screening.rules import Tier
from tests.screening.builders import make_screening
from tests.tracking.builders import make_log, make_mornings, make_session
from tests.tracking.session_builders import finished_session
from tracking import dashboard
from tracking.models import PainLog, PegCheckin, Session, SessionStep
from tracking.trends import Period

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("tracking:dashboard")


def bulk_history(user, days: int) -> None:
    """`days` days ending today: a morning log, two sessions with before/after logs, weekly PEG."""
    now = timezone.now()
    sessions = Session.objects.bulk_create(
        Session(
            user=user,
            status="completed",
            started_at=now - timedelta(days=d, hours=h),
            last_activity_at=now - timedelta(days=d, hours=h),
        )
        for d in range(days)
        for h in (1, 9)
    )
    logs = [
        PainLog(
            user=user, kind="morning", pain=6 - d % 4, logged_at=now - timedelta(days=d, hours=10)
        )
        for d in range(days)
    ]
    for s in sessions:
        logs.append(PainLog(user=user, kind="before", pain=5, logged_at=s.started_at, session=s))
        logs.append(
            PainLog(
                user=user,
                kind="after",
                pain=3,
                logged_at=s.started_at + timedelta(minutes=9),
                session=s,
            )
        )
    PainLog.objects.bulk_create(logs)
    PegCheckin.objects.bulk_create(
        PegCheckin(user=user, pain=5, enjoyment=4, activity=5, checked_at=now - timedelta(days=d))
        for d in range(0, days, 7)
    )


def test_it_shows_the_whole_page(client_alice) -> None:
    response = client_alice.get(DASHBOARD)
    assert response.status_code == 200
    assert b"<h1>Your progress</h1>" in response.content
    assert b'id="trend-region"' in response.content
    # The quick log lives on Today; here it is at most a one-line link.
    assert b'id="quick-log"' not in response.content
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_it_returns_only_the_trend_for_htmx(client_alice) -> None:
    response = client_alice.get(DASHBOARD + "?period=12w", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content.lstrip().startswith(b'<div id="trend-region"')
    assert b'aria-current="page">12 weeks</a>' in response.content
    assert b"<h1>" not in response.content


def test_it_returns_the_whole_page_for_a_history_restore(client_alice) -> None:
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    response = client_alice.get(DASHBOARD + "?period=4w", **headers)
    assert b"<h1>Your progress</h1>" in response.content


@pytest.mark.parametrize(
    ("period", "label"),
    [("4w", b"4 weeks"), ("all", b"All time"), ("nonsense", b"6 weeks")],
)
def test_it_marks_the_chosen_period(client_alice, period: str, label: bytes) -> None:
    response = client_alice.get(DASHBOARD, {"period": period})
    assert b'aria-current="page">' + label + b"</a>" in response.content
    periods = response.content.split(b'class="period-nav"', 1)[1].split(b"</nav>", 1)[0]
    assert periods.count(b'aria-current="page"') == 1  # one period (the main nav marks Progress)


@pytest.mark.parametrize(
    ("query", "links"),
    [
        (
            {"period": "12w"},
            [
                '<a href="/progress/?period=4w" hx-get="/progress/?period=4w">4 weeks</a>',
                '<a href="/progress/?period=6w" hx-get="/progress/?period=6w">6 weeks</a>',
                '<a href="/progress/?period=12w" hx-get="/progress/?period=12w"'
                ' aria-current="page">12 weeks</a>',
                '<a href="/progress/?period=all" hx-get="/progress/?period=all">All time</a>',
                '<a href="/progress/?period=12w&amp;detail=1"'
                ' hx-get="/progress/?period=12w&amp;detail=1">Show sessions and check-ins</a>',
            ],
        ),
        (
            {"period": "all", "detail": "1"},
            [
                '<a href="/progress/?period=4w&amp;detail=1"'
                ' hx-get="/progress/?period=4w&amp;detail=1">4 weeks</a>',
                '<a href="/progress/?period=6w&amp;detail=1"'
                ' hx-get="/progress/?period=6w&amp;detail=1">6 weeks</a>',
                '<a href="/progress/?period=12w&amp;detail=1"'
                ' hx-get="/progress/?period=12w&amp;detail=1">12 weeks</a>',
                '<a href="/progress/?period=all&amp;detail=1"'
                ' hx-get="/progress/?period=all&amp;detail=1" aria-current="page">All time</a>',
                '<a href="/progress/?period=all" hx-get="/progress/?period=all">'
                "Hide sessions and check-ins</a>",
            ],
        ),
    ],
)
def test_the_period_switch_keeps_the_sessions_choice(client_alice, query, links) -> None:
    page = client_alice.get(DASHBOARD, query).content.decode()
    nav = page.split('aria-label="Chart period"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r"<a [^>]*>[^<]*</a>", nav) == links


def test_the_period_switch_comes_right_after_the_chart(client_alice) -> None:
    """On a phone the switch is under the chart, not a screen further down below
    the table and the details."""
    page = client_alice.get(DASHBOARD).content.decode()
    order = [page.index(mark) for mark in ("</figure>", 'aria-label="Chart period"', "chart-data")]
    assert order == sorted(order), order
    assert page[order[0] : order[1]].count("<") <= 2  # nothing between but the nav tag


def test_it_shows_a_screening_banner_without_a_current_result(client_alice) -> None:
    assert b"Take the safety check" in client_alice.get(DASHBOARD).content


def test_it_shows_no_banner_with_a_current_result(client_alice, alice) -> None:
    make_screening(alice, Tier.CLEAR)
    assert b"Take the safety check" not in client_alice.get(DASHBOARD).content


def test_it_stays_open_to_a_blocked_person(client_alice, alice) -> None:
    make_screening(alice, Tier.URGENT)
    make_log(alice, 5)
    assert client_alice.get(DASHBOARD).status_code == 200


# --- "see your GP or physio" ----------------------------------------------------

SEE_GP = "See your GP or physio"


def test_it_says_see_your_gp_after_6_weeks_without_a_fall(client_alice, alice) -> None:
    make_mornings(alice, 5, range(36, 43))  # the first week, 42 days ago
    make_mornings(alice, 5, range(7))
    content = client_alice.get(DASHBOARD).content.decode()
    # One plain line, near the top: before the headline and the chart.
    line = "Your morning pain has not fallen much in 6 weeks. See your GP or physio."
    assert f'<p class="message message-warning see-clinician">{line}</p>' in content
    assert content.index(SEE_GP) < content.index('id="trend-region"')


def test_it_says_see_your_gp_when_pain_has_risen(client_alice, alice) -> None:
    make_mornings(alice, 4, range(7, 14))
    make_mornings(alice, 6, range(7))
    content = client_alice.get(DASHBOARD).content.decode()
    assert SEE_GP in content
    assert "Your morning pain is higher than when you started: 4.0 → 6.0. " in content


def test_it_says_nothing_of_a_gp_a_day_before_6_weeks(client_alice, alice) -> None:
    make_mornings(alice, 5, range(35, 42))
    make_mornings(alice, 5, range(7))
    assert SEE_GP not in client_alice.get(DASHBOARD).content.decode()


def test_it_says_nothing_of_a_gp_when_pain_has_fallen(client_alice, alice) -> None:
    make_mornings(alice, 6, range(36, 43))
    make_mornings(alice, 4, range(7))
    assert SEE_GP not in client_alice.get(DASHBOARD).content.decode()


def test_it_says_see_your_gp_to_a_blocked_person_too(client_alice, alice) -> None:
    make_screening(alice, Tier.EMERGENCY)
    make_mornings(alice, 4, range(7, 14))
    make_mornings(alice, 6, range(7))
    assert SEE_GP in client_alice.get(DASHBOARD).content.decode()


# --- a blocked person sees no targets -------------------------------------------------

TARGET = "planned sessions this week"


def test_it_hides_the_weekly_target_from_a_blocked_person(client_alice, alice) -> None:
    make_screening(alice, "emergency")
    now = timezone.now()
    for d in range(3):
        make_session(alice, at=now - timedelta(days=d, minutes=30))
    content = client_alice.get(DASHBOARD).content.decode()
    assert TARGET not in content
    assert "Current streak" not in content
    assert "Sessions per day, oldest first" not in content  # the strip
    assert "3 sessions in this period." in content  # their history stays


def test_it_hides_the_weekly_target_from_a_person_who_must_see_a_clinician(
    client_alice, alice
) -> None:
    make_screening(alice, Tier.CLINICIAN)
    assert TARGET not in client_alice.get(DASHBOARD).content.decode()


def test_it_hides_the_weekly_target_after_a_red_flag_answer_in_an_unfinished_check(
    client_alice, alice
) -> None:
    FlagAnswer.objects.create(
        user=alice,
        draft_token=uuid4(),
        question="bladder",
        answer="yes",
        tier=Tier.EMERGENCY,
        flags=["bladder"],
    )
    assert TARGET not in client_alice.get(DASHBOARD).content.decode()


def test_it_shows_the_weekly_target_to_an_allowed_person(client_alice, alice) -> None:
    make_screening(alice, Tier.CLEAR)
    make_session(alice, at=timezone.now() - timedelta(minutes=30))
    content = client_alice.get(DASHBOARD).content.decode()
    assert TARGET in content
    assert "Current streak: <strong>1 day</strong>" in content
    assert "Sessions per day, oldest first" in content


def test_it_shows_the_weekly_target_to_a_cleared_person(client_alice, alice) -> None:
    make_screening(alice, Tier.CLINICIAN, cleared_on=timezone.localdate())
    assert TARGET in client_alice.get(DASHBOARD).content.decode()


def test_it_states_the_trend_in_words(client_alice, alice) -> None:
    alice.date_joined = timezone.now() - timedelta(days=60)
    alice.save()
    now = timezone.now()
    for d in range(35):
        make_log(alice, 6 if d >= 28 else 3, at=now - timedelta(days=d))
    content = client_alice.get(DASHBOARD).content.decode()
    assert "Morning pain fell from 6.0 to 3.0, a meaningful change." in content
    assert '<title id="trend-title">Morning pain</title>' in content
    assert "<table>" in content


def test_it_shows_the_session_effect_and_streak(client_alice, alice) -> None:
    now = timezone.now()
    for d in range(3):
        make_session(alice, at=now - timedelta(days=d, minutes=30), before=6, after=4)
    content = client_alice.get(DASHBOARD).content.decode()
    assert "over the 3 sessions with a pain score" in content
    assert "Current streak: <strong>3 days</strong>" in content


def test_it_shows_only_own_data(client_alice, bob) -> None:
    make_log(bob, 9, note="bob's note")
    make_session(bob, at=timezone.now() - timedelta(minutes=30))
    content = client_alice.get(DASHBOARD).content.decode()
    assert "No sessions with a pain score before and after" in content


def _dashboard_queries(client, period: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD, {"period": period}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("period", ["6w", "all"])
def test_it_uses_the_same_number_of_queries_for_7_and_1800_days(
    client, make_user, django_assert_num_queries, period: str
) -> None:
    short, long = make_user("short"), make_user("long")
    for user in (short, long):
        user.date_joined = timezone.now() - timedelta(days=2000)
        user.save()
        make_screening(user, Tier.CLEAR)
    bulk_history(short, 7)
    bulk_history(long, 1800)
    # A streak that ends, as most do: one that runs back past the period costs a
    # second query (test_a_streak_longer_than_a_month_before_the_period_...).
    Session.objects.filter(started_at__lt=timezone.now() - timedelta(days=3, hours=12)).filter(
        started_at__gte=timezone.now() - timedelta(days=4, hours=12)
    ).delete()
    client.force_login(short)
    _dashboard_queries(client, period)  # the first request caches the time zone in the session
    expected = _dashboard_queries(client, period)
    client.force_login(long)
    _dashboard_queries(client, period)  # warm the session's time-zone cache like the first
    with django_assert_num_queries(expected):
        response = client.get(DASHBOARD, {"period": period})
    assert b"over the 3598 sessions with a pain score" in response.content or period != "all"


def test_it_groups_days_in_the_persons_time_zone(client, make_user) -> None:
    carla = make_user("carla", time_zone="Pacific/Auckland")
    carla.date_joined = datetime(2026, 1, 1, tzinfo=UTC)
    carla.save()
    # 12:30 UTC is already past midnight in Auckland (UTC+12, or +13 in summer).
    utc_day = (timezone.now() - timedelta(days=3)).date()
    make_log(carla, 7, at=datetime.combine(utc_day, time(12, 30), tzinfo=UTC))
    client.force_login(carla)
    content = client.get(DASHBOARD, {"period": "4w"}).content.decode()  # a row per day
    local = utc_day + timedelta(days=1)
    assert f'<th scope="row">{local:%a} {local.day} {local:%b %Y}</th>' in content
    assert f'<th scope="row">{utc_day:%a} {utc_day.day} {utc_day:%b %Y}</th>' not in content


def test_it_puts_a_session_on_the_persons_own_day(client, make_user) -> None:
    """A session's before and after scores sit on the day it was where the person is."""
    carla = make_user("carla", time_zone="Pacific/Auckland")
    carla.date_joined = datetime(2026, 1, 1, tzinfo=UTC)
    carla.save()
    utc_day = (timezone.now() - timedelta(days=3)).date()
    make_session(carla, at=datetime.combine(utc_day, time(12, 30), tzinfo=UTC), before=6, after=4)
    client.force_login(carla)
    content = client.get(DASHBOARD, {"period": "4w"}).content.decode()
    local = utc_day + timedelta(days=1)
    row = f'<th scope="row">{local:%a} {local.day} {local:%b %Y}</th>'
    assert row in content
    assert "6.0 → 4.0 (1)" in content.split(row, 1)[1].split("</tr>", 1)[0]
    assert f'<th scope="row">{utc_day:%a} {utc_day.day} {utc_day:%b %Y}</th>' not in content


AFTEREFFECT_QUESTION = b"Did pain last more than 2 hours after your last session"


def test_it_links_to_the_next_day_question_until_it_is_answered(client_alice, alice) -> None:
    yesterdays = finished_session(alice, started_at=timezone.now() - timedelta(days=1))
    url = reverse("tracking:session-aftereffect", args=[yesterdays.pk])
    link = f'<a href="{url}">Answer one question about your last session</a>'.encode()
    first = client_alice.get(DASHBOARD)
    assert first.content.count(link) == 1
    assert AFTEREFFECT_QUESTION not in first.content  # asked on Today, not here
    client_alice.post(url, {"lasted_over_2h": "no", "next": DASHBOARD})
    again = client_alice.get(DASHBOARD)
    assert link not in again.content


def test_it_does_not_ask_the_next_day_question_on_the_day_of_the_session(
    client_alice, alice
) -> None:
    finished_session(alice, started_at=timezone.now())
    assert b"Answer one question about your last session" not in client_alice.get(DASHBOARD).content


# --- the streak, read newest day first and only as far as it runs -----------------


def _sessions_on(user, days_ago: list[int]) -> None:
    """Sessions at local noon, so no test runs across midnight."""
    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(12)))
    Session.objects.bulk_create(
        Session(
            user=user,
            status="completed",
            started_at=noon - timedelta(days=d),
            last_activity_at=noon - timedelta(days=d),
        )
        for d in days_ago
    )


def _progress(user, period: str = "4w"):
    zone = timezone.get_default_timezone()
    return dashboard.progress_for(user, Period(period), now=timezone.now(), tz=zone)


def test_a_streak_longer_than_the_period_counts_every_day(alice) -> None:
    _sessions_on(alice, list(range(60)))
    adherence = _progress(alice).adherence
    assert adherence.streak == 60
    assert adherence.total == 28


@pytest.mark.parametrize("period", ["4w", "6w", "12w", "all"])
def test_a_streak_longer_than_a_month_before_the_period_is_counted_to_its_start(
    alice, period
) -> None:
    _sessions_on(alice, [*range(420), 421, 500])
    assert _progress(alice, period).adherence.streak == 420


def test_a_streak_that_ends_before_the_period_costs_one_query(
    alice, django_assert_num_queries
) -> None:
    _sessions_on(alice, [0, 1, 2, *range(4, 400)])
    zone = timezone.get_default_timezone()
    with django_assert_num_queries(1):
        counts, streak = dashboard._recent_sessions(
            alice, zone, timezone.localdate() - timedelta(days=27), timezone.localdate()
        )
    assert (streak, sum(counts.values())) == (3, 27)


def test_a_streak_stops_at_the_first_day_without_a_session(alice) -> None:
    _sessions_on(alice, [0, 1, 2, 4, 5, 40, 41])
    assert _progress(alice).adherence.streak == 3


def test_a_streak_runs_to_yesterday_before_todays_session(alice) -> None:
    _sessions_on(alice, [1, 2, 3, 3])
    adherence = _progress(alice, "6w").adherence
    assert (adherence.streak, adherence.total) == (3, 4)


def test_a_streak_past_the_period_keeps_this_weeks_count(alice) -> None:
    _sessions_on(alice, [0, 0, 1])
    today = timezone.localdate()
    expected = 3 if today.weekday() >= 1 else 2  # yesterday is last week on a Monday
    assert _progress(alice).adherence.this_week == expected


def test_it_sums_up_the_strip_in_words(client_alice, alice) -> None:
    _sessions_on(alice, [0, 1, 1, 5])
    content = client_alice.get(DASHBOARD, {"period": "4w"}).content.decode()
    # The period starts at the first session, five days ago.
    assert "<title>Sessions per day, oldest first: 3 of 6 days had a session.</title>" in content


# --- the headline, day-one honesty and the chart toggle -------------------------------


def test_it_leads_with_the_change_in_words_and_one_number(client_alice, alice) -> None:
    make_mornings(alice, 6, range(7, 14))  # the first week: 6.0
    for days_ago, pain in zip(range(7), [4, 4, 4, 4, 4, 3, 3], strict=True):
        make_mornings(alice, pain, [days_ago])  # the latest week: 26 / 7 = 3.7
    content = client_alice.get(DASHBOARD).content.decode()
    headline = (
        "Morning pain is down 38\N{NO-BREAK SPACE}%"
        " since you started: 6.0 → 3.7, a meaningful change"
    )
    assert f"data-focus-on-swap>{headline}</h2>" in content
    assert "<summary>What counts as meaningful?</summary>" in content
    assert "at least 2 points or at least 30\N{NO-BREAK SPACE}% from your baseline" in content
    # The headline comes before the chart.
    assert content.index(headline) < content.index('<svg viewBox="0 0 340 224"')


def test_it_shows_no_baseline_before_a_week_of_morning_logs(client_alice, alice) -> None:
    make_mornings(alice, 4, range(3))
    content = client_alice.get(DASHBOARD).content.decode()
    assert "Your first trend appears after a week of morning logs: 3 of 7 so far" in content
    assert "Baseline" not in content
    assert 'class="chart-band"' not in content
    assert "What counts as meaningful?" not in content


def test_it_shows_sessions_only_behind_the_plain_toggle(client_alice, alice) -> None:
    now = timezone.now()
    make_session(alice, at=now - timedelta(days=1, hours=2), before=6, after=4)
    plain = client_alice.get(DASHBOARD).content.decode()
    assert "chart-pair" not in plain
    assert 'href="/progress/?period=6w&amp;detail=1"' in plain
    detailed = client_alice.get(DASHBOARD, {"detail": "1"}).content.decode()
    assert "chart-pair chart-pair--down" in detailed
    hide = 'href="/progress/?period=6w" hx-get="/progress/?period=6w">Hide sessions and check-ins'
    assert hide in detailed


def test_it_reads_the_first_week_from_before_the_period(client_alice, alice) -> None:
    """Two small queries read the first week, the period and the last week, not every day."""
    make_mornings(alice, 6, range(94, 101))  # the first week, 14 weeks ago
    make_mornings(alice, 4, range(7))
    content = client_alice.get(DASHBOARD).content.decode()
    assert (
        "Morning pain is down 33\N{NO-BREAK SPACE}%"
        " since you started: 6.0 → 4.0, a meaningful change"
    ) in content
    assert SEE_GP not in content


def test_it_says_see_your_gp_from_a_first_week_long_ago(client_alice, alice) -> None:
    make_mornings(alice, 6, range(94, 101))
    make_mornings(alice, 6, range(3))  # three days in the period: the last week is 6.0
    content = client_alice.get(DASHBOARD).content.decode()
    assert "Your morning pain has not fallen much in 14 weeks. See your GP or physio." in content


@pytest.mark.parametrize(
    ("days_ago", "latest", "words"),
    [
        ([100, 50, 3], "4.0", "The PEG-3 score fell from 6.0 to 4.0, a meaningful change."),
        ([100, 60], "5.0", "The PEG-3 score fell from 6.0 to 5.0, a meaningful change."),
        ([100], "6.0", "There are not enough check-ins yet to show a trend in the PEG-3 score."),
    ],
)
def test_it_judges_the_weekly_check_in_from_the_first_ever(
    client_alice, alice, days_ago: list[int], latest: str, words: str
) -> None:
    scores = {100: (6, 6, 6), 50: (5, 5, 5), 60: (5, 5, 5), 3: (4, 4, 4)}
    for d in days_ago:
        pain, enjoyment, activity = scores[d]
        PegCheckin.objects.create(
            user=alice,
            pain=pain,
            enjoyment=enjoyment,
            activity=activity,
            checked_at=timezone.now() - timedelta(days=d),
        )
    content = client_alice.get(DASHBOARD).content.decode()
    assert f"latest score <strong>{latest}</strong>" in content
    assert words in content


def test_the_weekly_target_counts_the_sessions_a_day_the_person_chose(client_alice, alice) -> None:
    from routines.models import PlanChoice, StageRule

    first = StageRule.objects.get(number=1)
    assert (first.sessions_min, first.sessions_max, first.per_week) == (1, 2, False)
    make_screening(alice, Tier.CLEAR)
    PlanChoice.objects.create(user=alice, sessions=2, changed_at=timezone.now())
    content = client_alice.get(DASHBOARD).content.decode()
    # Two a day, as Today plans them: 14 a week, not the stage's fewest (7).
    assert "<strong>0 of 14</strong> planned sessions this week" in content


def test_without_a_stage_table_the_target_is_the_built_in_one(client_alice, alice) -> None:
    from routines.models import StageRule

    make_screening(alice, Tier.CLEAR)
    StageRule.objects.all().delete()
    content = client_alice.get(DASHBOARD).content.decode()
    assert "<strong>0 of 7</strong> planned sessions this week" in content


@pytest.mark.parametrize(
    ("done", "words"),
    [
        (3, "<strong>3 of 7</strong> planned sessions this week."),
        (7, "<strong>7 of 7</strong> planned sessions this week."),
        (9, "<strong>7 of 7</strong> planned sessions this week, and 2 more than planned."),
    ],
)
def test_sessions_past_the_weekly_plan_are_counted_beside_it(client_alice, alice, done, words):
    from routines.models import StageRule

    make_screening(alice, Tier.CLEAR)
    StageRule.objects.all().delete()  # the built-in target: 7 a week
    now = timezone.localtime()
    monday = now.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=now.weekday())
    for n in range(done):  # this week, from Monday's first minute to now
        make_session(alice, at=monday + (now - monday) * n / done)
    content = client_alice.get(DASHBOARD).content.decode()
    assert words in content


@pytest.mark.parametrize(
    ("status", "outcomes", "counted"),
    [
        ("completed", [], 1),
        ("completed", ["skipped"], 1),
        ("in_progress", ["done"], 0),  # counts once it is over
        ("stopped", [], 0),  # stopped before any hold
        ("stopped", ["skipped"], 0),
        ("stopped", ["skipped", "done"], 1),
        ("not_finished", [], 0),  # left at the pain question
        ("not_finished", ["done"], 1),
    ],
)
def test_a_session_counts_towards_the_plan_once_it_is_over_with_a_hold_done(
    client_alice, alice, status: str, outcomes: list[str], counted: int
) -> None:
    """Opening a session and leaving it is not doing one (a new user saw "1 of 7")."""
    make_screening(alice, Tier.CLEAR)
    session = make_session(alice, at=timezone.now(), status=status)
    for number, outcome in enumerate(outcomes, start=1):
        SessionStep.objects.create(
            session=session,
            number=number,
            slug="single-knee-to-chest",
            side="left",
            reps=2,
            outcome=outcome,
            answered_at=session.started_at,
        )
    content = client_alice.get(DASHBOARD).content.decode()
    streak = "1 day" if counted else "0 days"
    assert f"<strong>{counted} of 7</strong> planned sessions this week" in content
    assert f"Current streak: <strong>{streak}</strong>" in content
    assert f"{counted} session{'' if counted == 1 else 's'} in this period" in content


def test_the_session_effect_says_which_sessions_it_is_over(client_alice, alice) -> None:
    """A session stopped before any hold is not one done, but its two scores still
    tell how the person felt: the effect says what it counts, so "1 session in this
    period" beside "over 2 sessions" does not read as a mistake."""
    make_screening(alice, Tier.CLEAR)
    now = timezone.now()
    done = make_session(alice, at=now - timedelta(hours=3), before=6, after=4)
    SessionStep.objects.create(
        session=done, number=1, slug="single-knee-to-chest", side="left", reps=2,
        outcome="done", answered_at=done.started_at,
    )  # fmt: skip
    make_session(alice, at=now - timedelta(hours=1), before=5, after=5, status="stopped")
    content = client_alice.get(DASHBOARD).content.decode()
    assert "1 session in this period" in content
    assert (
        "<strong>-1.0</strong> from before to after, over the 2 sessions with a pain score "
        "before and after."
    ) in content
