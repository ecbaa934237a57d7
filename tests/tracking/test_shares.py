"""Share links to the clinician report: valid, expired, revoked, unknown."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from screening.rules import Tier
from tests.screening.builders import make_screening
from tests.tracking.builders import make_log
from tests.tracking.test_logs import _post_at_once
from tracking import log_writes
from tracking.models import ShareLink

pytestmark = pytest.mark.django_db

SHARES = reverse("tracking:shares")


def shared_url(token: str) -> str:
    return reverse("tracking:shared-report", args=[token])


def test_it_creates_a_link_and_shows_it_once(client_alice, alice) -> None:
    page = client_alice.post(SHARES).content.decode()
    link = ShareLink.objects.get(user=alice)
    assert "/shared/" in page
    assert "Works until" in page
    assert "/shared/" not in client_alice.get(SHARES).content.decode()
    assert link.expires_at - link.created_at == timedelta(days=30)


def test_the_new_link_is_never_kept_in_the_session(client_alice, alice) -> None:
    page = client_alice.post(SHARES).content.decode()
    url = re.search(r"data-select-all>(http://testserver/shared/[^<]+)</textarea>", page).group(1)
    stored = client_alice.session.load()
    assert url not in repr(stored)
    assert client_alice.get(url.removeprefix("http://testserver")).status_code == 200


def test_it_lists_every_live_link_however_many(client_alice, alice) -> None:
    now = timezone.now()
    links = [ShareLink.create_for(alice, now - timedelta(minutes=i))[0] for i in range(25)]
    page = client_alice.get(SHARES).content.decode()
    assert page.count("Switch off<span") == 25
    for link in links:
        assert reverse("tracking:share-revoke", args=[link.pk]) in page


def test_it_shows_when_each_live_link_was_made(client_alice, alice) -> None:
    ShareLink.create_for(alice, timezone.now() - timedelta(days=3))
    made = timezone.localtime(timezone.now() - timedelta(days=3)).strftime("%-d %b %Y")
    assert f"<td>{made}</td>" in client_alice.get(SHARES).content.decode()


def test_it_refuses_an_eleventh_live_link_and_stores_nothing(client_alice, alice) -> None:
    for _ in range(10):
        ShareLink.create_for(alice, timezone.now())
    response = client_alice.post(SHARES)
    assert response.status_code == 409
    assert "Switch one off before you make another" in response.content.decode()
    assert ShareLink.objects.filter(user=alice).count() == 10


def test_a_switched_off_link_frees_a_place(client_alice, alice) -> None:
    links = [ShareLink.create_for(alice, timezone.now())[0] for _ in range(10)]
    links[0].revoke(timezone.now())
    assert client_alice.post(SHARES).status_code == 200
    assert ShareLink.objects.filter(user=alice, revoked_at=None).count() == 10


def test_it_switches_off_all_own_links_at_once(client_alice, alice, bob) -> None:
    for _ in range(3):
        ShareLink.create_for(alice, timezone.now())
    _, bobs_token = ShareLink.create_for(bob, timezone.now())
    response = client_alice.post(reverse("tracking:share-revoke-all"))
    assert response["Location"] == SHARES
    assert not ShareLink.objects.filter(user=alice, revoked_at=None).exists()
    assert ShareLink.objects.by_token(bobs_token, timezone.now()) is not None


def test_switching_off_all_links_needs_a_post(client_alice, alice) -> None:
    ShareLink.create_for(alice, timezone.now())
    assert client_alice.get(reverse("tracking:share-revoke-all")).status_code == 405
    assert ShareLink.objects.filter(user=alice, revoked_at=None).count() == 1


def test_it_answers_429_after_many_wrong_tokens_from_one_ip(client, alice, settings) -> None:
    settings.LIMBER_THROTTLES = {**settings.LIMBER_THROTTLES, "share-view": 3}
    _, token = ShareLink.create_for(alice, timezone.now())
    for i in range(3):
        assert client.get(shared_url(f"guess-{i}")).status_code == 404
    response = client.get(shared_url(token))
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    # Another client is not held up by the first one's guesses.
    assert client.get(shared_url(token), REMOTE_ADDR="198.51.100.9").status_code == 200


def test_it_stores_only_a_hash_of_a_long_random_token(alice) -> None:
    link, token = ShareLink.create_for(alice, timezone.now())
    assert len(token) >= 43
    assert token not in (link.token_hash, link.hint)
    assert ShareLink.objects.by_token(token, timezone.now()) == link


def test_it_opens_the_report_with_a_valid_link(client, alice) -> None:
    make_log(alice, 4, note="private note")
    _, token = ShareLink.create_for(alice, timezone.now())
    response = client.get(shared_url(token))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Back pain progress report" in content
    assert "Shared by" in content
    assert "Print this report" not in content  # read-only: no owner controls
    assert "<form" not in content.split("<main", 1)[1]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize(
    ("tier", "to_them", "to_the_person"),
    [
        (Tier.CLEAR, "Clear to start", "You can start"),
        (Tier.CLINICIAN, "Told to see a GP or physio before starting", "See your GP or a"),
    ],
)
def test_the_shared_report_tells_the_clinician_what_the_check_said(
    client, client_alice, alice, tier, to_them: str, to_the_person: str
) -> None:
    make_screening(alice, tier)
    _, token = ShareLink.create_for(alice, timezone.now())
    shared = client.get(shared_url(token)).content.decode()
    assert f"<strong>{to_them}</strong>" in shared
    assert to_the_person not in shared
    own = client_alice.get(reverse("tracking:report")).content.decode()
    assert f"<strong>{to_the_person}" in own


def test_it_records_when_a_link_was_viewed(client, alice) -> None:
    link, token = ShareLink.create_for(alice, timezone.now())
    client.get(shared_url(token))
    link.refresh_from_db()
    assert link.last_viewed_at is not None


def test_it_is_404_for_an_expired_link(client, alice) -> None:
    _, token = ShareLink.create_for(alice, timezone.now() - timedelta(days=30, seconds=1))
    assert client.get(shared_url(token)).status_code == 404


def test_it_is_404_for_a_revoked_link(client, alice) -> None:
    link, token = ShareLink.create_for(alice, timezone.now())
    link.revoke(timezone.now())
    assert client.get(shared_url(token)).status_code == 404


@pytest.mark.parametrize("token", ["nope", "x" * 43, "a" * 300])
def test_it_is_404_for_an_unknown_token(client, token: str) -> None:
    response = client.get(shared_url(token))
    assert response.status_code == 404


def test_it_still_opens_a_link_on_its_last_day(client, alice) -> None:
    _, token = ShareLink.create_for(
        alice, timezone.now() - timedelta(days=30) + timedelta(minutes=1)
    )
    assert client.get(shared_url(token)).status_code == 200


def test_it_gives_the_same_page_for_expired_revoked_and_unknown_tokens(client, alice) -> None:
    _, expired_token = ShareLink.create_for(alice, timezone.now() - timedelta(days=31))
    revoked, revoked_token = ShareLink.create_for(alice, timezone.now())
    revoked.revoke(timezone.now())
    pages = [
        client.get(shared_url(token))
        for token in (expired_token, revoked_token, "y" * len(expired_token))
    ]
    assert {page.status_code for page in pages} == {404}
    assert len({clean(page.content) for page in pages}) == 1


def clean(content: bytes) -> bytes:
    """Without the per-response nonce and CSRF token."""
    return re.sub(rb'(nonce|value|X-CSRFToken)(="|": ")[^"]+"', rb"\1", content)


def test_it_revokes_an_own_link(client_alice, alice, client) -> None:
    link, _token = ShareLink.create_for(alice, timezone.now())
    response = client_alice.post(reverse("tracking:share-revoke", args=[link.pk]))
    assert response["Location"] == SHARES
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_it_is_404_to_revoke_another_persons_link(client_alice, bob) -> None:
    link, _token = ShareLink.create_for(bob, timezone.now())
    response = client_alice.post(reverse("tracking:share-revoke", args=[link.pk]))
    assert response.status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_it_only_revokes_with_post(client_alice, alice) -> None:
    link, _ = ShareLink.create_for(alice, timezone.now())
    assert client_alice.get(reverse("tracking:share-revoke", args=[link.pk])).status_code == 405


def test_it_lists_only_own_links(client_alice, alice, bob) -> None:
    ShareLink.create_for(bob, timezone.now())
    mine, _ = ShareLink.create_for(alice, timezone.now())
    content = client_alice.get(SHARES).content.decode()
    assert content.count("Switch off<span") == 1
    assert f"…{mine.hint}" in content


def test_it_renders_the_share_links_partial_for_another_page(rf, alice) -> None:
    from django.contrib.sessions.backends.db import SessionStore
    from django.template.loader import render_to_string

    from tracking.share_views import share_links_context

    ShareLink.create_for(alice, timezone.now())
    request = rf.get("/accounts/profile/")
    request.user, request.session = alice, SessionStore()
    html = render_to_string("tracking/_share_links.html", share_links_context(request), request)
    assert "Create a share link" in html
    assert "Switch off" in html


def test_a_replayed_create_makes_one_link(client_alice, alice) -> None:
    page = client_alice.get(SHARES).content.decode()
    once = page.split('name="once" value="', 1)[1].split('"', 1)[0]
    first = client_alice.post(SHARES, {"once": once}).content.decode()
    again = client_alice.post(SHARES, {"once": once}).content.decode()
    assert ShareLink.objects.filter(user=alice).count() == 1
    assert "/shared/" in first and "/shared/" not in again
    assert "That press made no second link" in again


def test_a_fresh_form_makes_another_link(client_alice, alice) -> None:
    for _ in range(2):
        page = client_alice.get(SHARES).content.decode()
        once = page.split('name="once" value="', 1)[1].split('"', 1)[0]
        client_alice.post(SHARES, {"once": once})
    assert ShareLink.objects.filter(user=alice).count() == 2


@pytest.mark.django_db(transaction=True)
def test_20_identical_creates_at_once_make_one_link(alice) -> None:
    once = log_writes.issue_once(timezone.now())
    statuses = _post_at_once(alice, SHARES, {"once": once})
    assert statuses == [200] * 20
    assert ShareLink.objects.filter(user=alice).count() == 1
