"""Logs a person can trust: one morning log a day, the quick log's kind, the whole
history, delete with Undo, and a replayed Save that stores once."""

from __future__ import annotations

import json
import re
import threading
import zoneinfo
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import set_zone, zone_where_it_is
from tests.tracking.builders import make_log
from tracking import log_writes
from tracking.forms import QuickLogForm
from tracking.models import PainLog, PegCheckin

pytestmark = pytest.mark.django_db

LOG = reverse("tracking:log")
RESTORE = reverse("tracking:log-restore")
HTMX = {"HTTP_HX_REQUEST": "true"}
COPIES = 20


@pytest.fixture
def joined_long_ago(alice):
    alice.date_joined = timezone.now() - timedelta(days=400)
    alice.save(update_fields=["date_joined"])
    return alice


def local_noon(days_ago: int = 0, fraction: float = 0.5) -> datetime:
    """A moment of a day in alice's zone (UTC): 11:00 on an earlier day; today,
    ``fraction`` of the way from midnight to now (so never in the future)."""
    now = timezone.now().astimezone(UTC)
    start = datetime.combine(now.date(), datetime.min.time(), UTC)
    if days_ago:
        return start - timedelta(days=days_ago) + timedelta(hours=11)
    return start + (now - start) * fraction


# --- the quick log follows the clock ---------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "kind", "label", "button"),
    [
        (0, "morning", "How is your back this morning?", "Save morning pain"),
        (7, "morning", "How is your back this morning?", "Save morning pain"),
        (11, "morning", "How is your back this morning?", "Save morning pain"),
        (12, "other", "How is your back now?", "Save pain now"),
        (14, "other", "How is your back now?", "Save pain now"),
        (22, "other", "How is your back now?", "Save pain now"),
    ],
)
def test_quick_log_asks_by_the_local_time_of_day(
    alice, hour: int, kind: str, label: str, button: str
) -> None:
    zone = zoneinfo.ZoneInfo("Asia/Tokyo")
    now = datetime(2026, 3, 2, hour, 30, tzinfo=zone)
    with timezone.override(zone):
        form = QuickLogForm({"pain": "4", "kind": "before"}, user=alice, now=now)
        assert form.is_valid(), form.errors
        entry = form.save(commit=False)
    assert (entry.kind, form.fields["pain"].label, form.button) == (kind, label, button)
    assert entry.logged_at == now


@pytest.mark.parametrize(("hour", "chosen"), [(9, "morning"), (19, "other")])
def test_the_log_page_starts_on_the_kind_the_local_clock_says(
    client_alice, alice, hour: int, chosen: str
) -> None:
    """An evening log is not pushed towards replacing this morning's (the trend's) score."""
    set_zone(alice, zone_where_it_is(hour))
    page = client_alice.get(LOG).content.decode()
    checked = re.findall(r'<input type="radio" name="kind" value="(\w+)"[^>]*\bchecked\b', page)
    assert checked == [chosen]


def test_it_quick_logs_with_an_event_for_the_other_regions(client_alice, alice) -> None:
    response = client_alice.post(LOG, {"quick": "1", "pain": "4"}, **HTMX)
    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"]) == {"pain-logged": {}}
    assert PainLog.objects.filter(user=alice).count() == 1


def test_the_dashboard_regions_listen_for_the_event(client_alice) -> None:
    content = client_alice.get(reverse("tracking:dashboard")).content.decode()
    assert 'id="trend-region" hx-get="/progress/" hx-trigger="pain-logged from:body' in content


# --- one morning log a local day ----------------------------------------------------------


def test_it_asks_before_a_second_morning_log_of_the_day(client_alice, alice) -> None:
    first = make_log(alice, 3, at=local_noon())
    response = client_alice.post(LOG, {"pain": "6", "kind": "morning"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Replace this morning&#x27;s 3 with 6?" in content
    assert f'name="replace" value="{first.pk}"' in content
    assert list(PainLog.objects.values_list("pk", "pain")) == [(first.pk, 3)]


def test_it_replaces_the_morning_log_when_asked(client_alice, alice) -> None:
    first = make_log(alice, 3, at=local_noon())
    response = client_alice.post(LOG, {"pain": "6", "kind": "morning", "replace": first.pk})
    assert response.status_code == 302
    assert list(PainLog.objects.values_list("pk", "pain")) == [(first.pk, 6)]


def test_it_asks_about_yesterday_by_name(client_alice, joined_long_ago) -> None:
    make_log(joined_long_ago, 5, at=local_noon(1))
    at = timezone.localtime(local_noon(1) - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    response = client_alice.post(LOG, {"pain": "2", "kind": "morning", "logged_at": at})
    assert "Replace yesterday morning&#x27;s 5 with 2?" in response.content.decode()
    assert PainLog.objects.count() == 1


def test_a_morning_log_on_another_day_is_no_clash(client_alice, joined_long_ago) -> None:
    make_log(joined_long_ago, 5, at=local_noon(1))
    response = client_alice.post(LOG, {"pain": "2", "kind": "morning"})
    assert response.status_code == 302
    assert PainLog.objects.count() == 2


def test_it_will_not_replace_another_persons_log(client_alice, alice, bob) -> None:
    mine = make_log(alice, 3, at=local_noon())
    theirs = make_log(bob, 8, at=local_noon())
    response = client_alice.post(LOG, {"pain": "6", "kind": "morning", "replace": theirs.pk})
    assert response.status_code == 404
    assert sorted(PainLog.objects.values_list("pk", "pain")) == [(mine.pk, 3), (theirs.pk, 8)]


@pytest.mark.parametrize("replace", ["abc", "-1", "99999"])
def test_it_404s_a_replace_that_is_not_this_days_morning_log(
    client_alice, alice, replace: str
) -> None:
    make_log(alice, 3, at=local_noon())
    response = client_alice.post(LOG, {"pain": "6", "kind": "morning", "replace": replace})
    assert response.status_code == 404
    assert list(PainLog.objects.values_list("pain", flat=True)) == [3]


def test_it_keeps_one_morning_log_when_a_log_is_changed_to_morning(
    client_alice, joined_long_ago
) -> None:
    alice = joined_long_ago
    make_log(alice, 3, at=local_noon())
    evening = make_log(alice, 5, kind="evening", at=local_noon(fraction=0.75))
    at = timezone.localtime(evening.logged_at).strftime("%Y-%m-%dT%H:%M")
    url = reverse("tracking:log-edit", args=[evening.pk])
    response = client_alice.post(url, {"pain": "5", "kind": "morning", "logged_at": at})
    assert response.status_code == 200
    assert "That day already has a morning log (3 out of 10)." in response.content.decode()
    assert sorted(PainLog.objects.values_list("kind", flat=True)) == ["evening", "morning"]


def test_editing_a_past_log_speaks_of_its_own_time_not_of_now(client_alice, joined_long_ago):
    entry = make_log(joined_long_ago, 4, kind="evening", at=local_noon(days_ago=3))
    page = client_alice.get(reverse("tracking:log-edit", args=[entry.pk])).content.decode()
    assert "When this pain was. Change it if the time is wrong." in page
    assert "Leave as it is for now" not in page
    new_log = client_alice.get(LOG).content.decode()
    assert "Leave as it is for now, or change it to log a time you missed." in new_log


# --- a replayed Save stores once --------------------------------------------------------


def test_a_replayed_save_stores_one_log(client_alice, alice) -> None:
    once = log_writes.issue_once(timezone.now())
    data = {"pain": "4", "kind": "evening", "note": "after work", "once": once}
    assert client_alice.post(LOG, data).status_code == 302
    assert client_alice.post(LOG, data).status_code == 302
    assert PainLog.objects.filter(user=alice).count() == 1
    # A new form (a new token) is a new log.
    client_alice.post(LOG, {**data, "once": log_writes.issue_once(timezone.now())})
    assert PainLog.objects.filter(user=alice).count() == 2


def test_a_forged_token_is_a_plain_save(client_alice, alice) -> None:
    data = {"pain": "4", "kind": "evening", "once": "forged:token"}
    client_alice.post(LOG, data)
    client_alice.post(LOG, data)
    assert PainLog.objects.filter(user=alice).count() == 2


def test_a_replayed_weekly_check_in_stores_one(client_alice, alice) -> None:
    page = client_alice.get(reverse("tracking:peg")).content.decode()
    once = page.split('name="once" value="', 1)[1].split('"', 1)[0]
    data = {"pain": "5", "enjoyment": "4", "activity": "6", "once": once}
    client_alice.post(reverse("tracking:peg"), data)
    client_alice.post(reverse("tracking:peg"), data)
    assert PegCheckin.objects.filter(user=alice).count() == 1


def _post_at_once(user, url: str, data: dict[str, str]) -> list[int]:
    """COPIES identical POSTs by one person, each with its own client and connection,
    released together."""
    start = threading.Barrier(COPIES)

    def post(_: int) -> int:
        client = Client()
        client.force_login(user)
        try:
            start.wait()
            return client.post(url, data).status_code
        finally:
            connection.close()  # each thread has its own connection: give it back

    with ThreadPoolExecutor(max_workers=COPIES) as pool:
        return list(pool.map(post, range(COPIES)))


@pytest.mark.django_db(transaction=True)
def test_20_identical_saves_at_once_store_one_log(alice) -> None:
    once = log_writes.issue_once(timezone.now())
    statuses = _post_at_once(alice, LOG, {"pain": "4", "kind": "evening", "once": once})
    assert statuses == [302] * COPIES
    assert PainLog.objects.filter(user=alice).count() == 1


@pytest.mark.django_db(transaction=True)
def test_20_identical_check_ins_at_once_store_one(alice) -> None:
    once = log_writes.issue_once(timezone.now())
    data = {"pain": "5", "enjoyment": "4", "activity": "6", "once": once}
    statuses = _post_at_once(alice, reverse("tracking:peg"), data)
    assert statuses == [302] * COPIES
    assert PegCheckin.objects.filter(user=alice).count() == 1


# --- the whole history, paged ---------------------------------------------------------------


def test_it_lists_every_log_newest_first_in_pages(client_alice, joined_long_ago) -> None:
    logs = [make_log(joined_long_ago, d % 11, kind="other", at=local_noon(d)) for d in range(45)]
    first = client_alice.get(LOG).content.decode()
    assert first.count('<tr id="log-') == 20
    assert "page 1 of 3, 45 logs in all" in first
    assert f'<tr id="log-{logs[0].pk}">' in first  # the newest
    # The next page opens at the list, not at the form above it.
    assert 'href="?page=2#history" rel="next">Older logs</a>' in first
    last = client_alice.get(LOG, {"page": 3}).content.decode()
    assert last.count('<tr id="log-') == 5
    oldest = logs[-1]
    assert f'<tr id="log-{oldest.pk}">' in last
    assert reverse("tracking:log-edit", args=[oldest.pk]) in last
    assert reverse("tracking:log-delete", args=[oldest.pk]) in last


@pytest.mark.parametrize("page", ["abc", "0", "99"])
def test_a_page_out_of_range_shows_a_real_page(client_alice, alice, page: str) -> None:
    make_log(alice, 3)
    response = client_alice.get(LOG, {"page": page})
    assert response.status_code == 200
    assert response.content.decode().count('<tr id="log-') == 1


def test_the_history_shows_only_the_persons_own_logs(client_alice, alice, bob) -> None:
    theirs = make_log(bob, 8)
    assert f'<tr id="log-{theirs.pk}">' not in client_alice.get(LOG).content.decode()


# --- delete with Undo --------------------------------------------------------------------------


def undo_token(content: str) -> str:
    return content.split('name="undo" value="', 1)[1].split('"', 1)[0]


def test_it_asks_to_confirm_a_delete_without_javascript(client_alice, alice) -> None:
    entry = make_log(alice, 3, note="stiff")
    response = client_alice.get(reverse("tracking:log-delete", args=[entry.pk]))
    assert response.status_code == 200
    assert b"Delete this pain log?" in response.content
    # It says what the next page offers: an Undo (not "cannot be undone").
    assert b"After deleting you have 2 minutes to undo it; then it is gone for good." in (
        response.content
    )
    assert PainLog.objects.filter(pk=entry.pk).exists()  # a GET never deletes


def test_it_deletes_with_htmx_and_offers_undo_in_the_row(client_alice, alice) -> None:
    entry = make_log(alice, 3, note="stiff", at=local_noon())
    url = reverse("tracking:log-delete", args=[entry.pk])
    response = client_alice.post(url, **HTMX)
    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"]) == {"pain-logged": {}}
    content = response.content.decode()
    assert content.lstrip().startswith('<tr class="undo-row">')
    assert "Deleted: pain 3 (morning)," in content
    assert "You can undo this for 2 minutes." in content
    assert ">Undo</button>" in content
    assert not PainLog.objects.exists()
    back = client_alice.post(RESTORE, {"undo": undo_token(content)}, **HTMX)
    restored = PainLog.objects.get()
    assert (restored.kind, restored.pain, restored.note, restored.logged_at) == (
        "morning",
        3,
        "stiff",
        entry.logged_at,
    )
    # The row comes back in place, with the focus: no reload to the top of the page.
    answer = back.content.decode()
    assert "HX-Refresh" not in back and json.loads(back["HX-Trigger"]) == {"pain-logged": {}}
    assert answer.lstrip().startswith(f'<tr id="log-{restored.pk}">')
    assert '<th scope="row" tabindex="-1" autofocus>' in answer
    assert 'hx-swap-oob="true"><p class="message message-success">The log is back.</p>' in answer


def test_an_undo_refused_with_htmx_says_why_in_the_row(client_alice, alice) -> None:
    entry = make_log(alice, 3, at=local_noon())
    deleted = client_alice.post(reverse("tracking:log-delete", args=[entry.pk]), **HTMX)
    client_alice.post(LOG, {"pain": "6", "kind": "morning"})  # a new morning log that day
    back = client_alice.post(RESTORE, {"undo": undo_token(deleted.content.decode())}, **HTMX)
    said = "That day has a morning log again, so the old one stays deleted."
    assert f'<td colspan="5" tabindex="-1" autofocus>{said}</td>' in back.content.decode()
    assert list(PainLog.objects.values_list("pain", flat=True)) == [6]


def test_it_offers_undo_on_the_log_page_after_a_plain_delete(client_alice, alice) -> None:
    entry = make_log(alice, 3)
    response = client_alice.post(reverse("tracking:log-delete", args=[entry.pk]))
    assert response.status_code == 302
    page = client_alice.get(LOG).content.decode()
    assert "The log is deleted." in page
    client_alice.post(RESTORE, {"undo": undo_token(page)})
    assert PainLog.objects.filter(user=alice, pain=3).count() == 1
    assert "The log is deleted." not in client_alice.get(LOG).content.decode()


def test_undo_twice_restores_once(client_alice, alice) -> None:
    entry = make_log(alice, 3)
    token = log_writes.delete_log(alice, entry)
    client_alice.post(RESTORE, {"undo": token})
    client_alice.post(RESTORE, {"undo": token})
    assert PainLog.objects.filter(user=alice).count() == 1


def test_undo_lasts_at_least_10_seconds() -> None:
    assert log_writes.UNDO_SECONDS >= 10


def test_undo_of_another_persons_delete_is_a_404(client, alice, bob) -> None:
    token = log_writes.delete_log(alice, make_log(alice, 3))
    client.force_login(bob)
    assert client.post(RESTORE, {"undo": token}).status_code == 404
    assert not PainLog.objects.exists()


@pytest.mark.parametrize("token", ["", "forged", "a:b:c"])
def test_a_forged_undo_is_a_404(client_alice, token: str) -> None:
    assert client_alice.post(RESTORE, {"undo": token}).status_code == 404
    assert not PainLog.objects.exists()


TOO_LATE = "Too late to undo: after 2 minutes a deleted log is gone for good."


def test_an_undo_too_late_with_htmx_says_so_in_the_row(client_alice, alice, monkeypatch) -> None:
    """It was a 404, which htmx showed as "could not be found, reload the page"."""
    token = log_writes.delete_log(alice, make_log(alice, 3))
    monkeypatch.setattr(log_writes, "UNDO_SECONDS", -1)
    back = client_alice.post(RESTORE, {"undo": token}, **HTMX)
    assert back.status_code == 200
    assert f'<td colspan="5" tabindex="-1" autofocus>{TOO_LATE}</td>' in back.content.decode()
    assert not PainLog.objects.exists()


def test_an_undo_too_late_without_javascript_says_so(client_alice, alice, monkeypatch) -> None:
    token = log_writes.delete_log(alice, make_log(alice, 3))
    monkeypatch.setattr(log_writes, "UNDO_SECONDS", -1)
    page = client_alice.post(RESTORE, {"undo": token}, follow=True).content.decode()
    assert TOO_LATE in page
    assert not PainLog.objects.exists()


def test_an_undo_too_late_of_another_persons_delete_is_still_a_404(
    client, alice, bob, monkeypatch
) -> None:
    token = log_writes.delete_log(alice, make_log(alice, 3))
    monkeypatch.setattr(log_writes, "UNDO_SECONDS", -1)
    client.force_login(bob)
    assert client.post(RESTORE, {"undo": token}).status_code == 404


def test_undo_is_a_post(client_alice) -> None:
    assert client_alice.get(RESTORE).status_code == 405


def test_undo_does_not_make_a_second_morning_log(client_alice, alice) -> None:
    token = log_writes.delete_log(alice, make_log(alice, 3, at=local_noon()))
    make_log(alice, 6, at=local_noon())
    client_alice.post(RESTORE, {"undo": token})
    assert list(PainLog.objects.values_list("pain", flat=True)) == [6]


def test_a_quick_log_goes_back_to_the_page_that_asked(client_alice, alice) -> None:
    response = client_alice.post(LOG, {"quick": "1", "pain": "4", "next": "/today/"})
    assert response.status_code == 302 and response["Location"] == "/today/"


@pytest.mark.parametrize("target", ["https://elsewhere.example/", "//elsewhere.example/"])
def test_a_quick_log_never_goes_to_another_site(client_alice, alice, target: str) -> None:
    response = client_alice.post(LOG, {"quick": "1", "pain": "4", "next": target})
    assert response["Location"] == reverse("tracking:dashboard")


def test_the_due_links_refresh_on_their_own(client_alice) -> None:
    response = client_alice.get(reverse("tracking:dashboard"), {"part": "due"}, **HTMX)
    assert response.status_code == 200
    content = response.content.decode().strip()
    assert content.startswith('<ul class="due-links" id="due-links"')
    assert 'hx-trigger="pain-logged from:body"' in content
    assert "<h1>" not in content and 'id="trend-region"' not in content
