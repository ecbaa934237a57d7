"""The questionnaire, results, history and clearances, through the test client."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from screening.gate import screening_status
from screening.models import Clearance, FlagAnswer, Screening, ScreeningDraft
from screening.questions import TOPICS
from screening.records import record_stop
from screening.rules import RULES_VERSION, Tier
from screening.standing import StopKind
from tests.screening.builders import ALL_CLEAR, days_ago

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def step_url(draft: ScreeningDraft, step: int) -> str:
    return reverse("screening:step", args=[draft.token, step])


def step_data(step: int, **changes: object) -> dict[str, object]:
    answers = {**ALL_CLEAR, **changes}
    return {q.key: answers[q.key] for q in TOPICS[step - 1].questions}


def begin(client) -> ScreeningDraft:
    client.post(reverse("screening:start"))
    return ScreeningDraft.objects.latest("created_at")


def answer_all(client, **changes: object):
    """Walk every step as a plain form; returns the last response."""
    draft = begin(client)
    response = None
    for step in range(1, len(TOPICS) + 1):
        response = client.post(step_url(draft, step), step_data(step, **changes))
    return draft, response


# --- Start ------------------------------------------------------------------------------


def test_it_shows_the_start_page(client_alice) -> None:
    response = client_alice.get(reverse("screening:start"))

    assert response.status_code == 200
    assert b"Start the questions" in response.content


def test_it_asks_anonymous_people_to_log_in(client) -> None:
    response = client.get(reverse("screening:start"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_starts_a_draft_and_goes_to_step_one(client_alice, alice) -> None:
    response = client_alice.post(reverse("screening:start"))

    draft = ScreeningDraft.objects.get(user=alice)
    assert response.url == step_url(draft, 1)


def test_it_says_why_after_a_stop(client_alice, alice, make_screening) -> None:
    make_screening(alice, created_at=days_ago(2))
    stop_at = days_ago(1)
    record_stop(
        alice, StopKind.SYMPTOM, label="sharp or shooting pain", at=stop_at, day=stop_at.date()
    )

    response = client_alice.get(reverse("screening:start"))

    assert b"You stopped a session because of sharp or shooting pain" in response.content


def test_it_says_why_after_expiry(client_alice, alice, make_screening) -> None:
    make_screening(alice, created_at=days_ago(31))

    response = client_alice.get(reverse("screening:start"))

    assert b"Your last safety check no longer counts" in response.content


# --- Steps ------------------------------------------------------------------------------


def test_it_shows_one_topic_with_progress(client_alice) -> None:
    draft = begin(client_alice)

    response = client_alice.get(step_url(draft, 1))

    assert b"Step 1 of 7" in response.content
    assert b"<legend>When did this back pain start?</legend>" in response.content
    assert b'<label for="id_age">How old are you?</label>' in response.content


def test_it_saves_a_step_and_moves_on(client_alice) -> None:
    draft = begin(client_alice)

    response = client_alice.post(step_url(draft, 1), step_data(1))

    assert response.status_code == 302
    assert response.url == step_url(draft, 2)
    draft.refresh_from_db()
    assert draft.answers == {
        "age": 35,
        "pain_start": "long-standing",
        "chest_pain": "no",
        "upper_back": "no",
        "worsening": "no",
    }


def test_it_swaps_in_the_next_step_for_htmx(client_alice) -> None:
    draft = begin(client_alice)

    response = client_alice.post(step_url(draft, 1), step_data(1), headers=HTMX)

    assert response.status_code == 200
    assert b"Step 2 of 7" in response.content
    assert b"<html" not in response.content
    assert response["HX-Push-Url"] == step_url(draft, 2)


def test_it_renders_the_whole_page_without_htmx(client_alice) -> None:
    draft = begin(client_alice)

    response = client_alice.get(step_url(draft, 1))

    assert b"<html" in response.content


def test_it_shows_the_fragment_for_an_htmx_back_link(client_alice) -> None:
    draft = begin(client_alice)
    client_alice.post(step_url(draft, 1), step_data(1))

    response = client_alice.get(step_url(draft, 1), headers=HTMX)

    assert b"<html" not in response.content
    assert b'value="35"' in response.content


@pytest.mark.parametrize(
    ("step", "bad"),
    [
        (2, {"bladder": ""}),
        (2, {"bladder": "maybe"}),
        (5, {"fall": "yes"}),
        (1, {"age": "abc"}),
        (1, {"age": "15"}),
        (1, {"age": "121"}),
        (1, {"pain_start": "<script>"}),
    ],
)
def test_it_refuses_missing_or_tampered_answers(client_alice, step, bad) -> None:
    draft = begin(client_alice)
    for earlier in range(1, step):
        client_alice.post(step_url(draft, earlier), step_data(earlier))
    before = ScreeningDraft.objects.get(pk=draft.pk).answers

    response = client_alice.post(step_url(draft, step), {**step_data(step), **bad})

    assert response.status_code == 200
    assert b"Please answer every question on this page" in response.content
    assert ScreeningDraft.objects.get(pk=draft.pk).answers == before


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_it_explains_an_empty_post(client_alice, headers) -> None:
    draft = begin(client_alice)

    response = client_alice.post(step_url(draft, 1), {}, headers=headers)

    assert response.status_code == 200
    assert b"Please answer every question on this page" in response.content
    assert b"Please type your age" in response.content
    assert ScreeningDraft.objects.get(pk=draft.pk).answers == {}


def test_it_gives_a_swapped_step_its_own_title(client_alice) -> None:
    draft = begin(client_alice)

    response = client_alice.post(step_url(draft, 1), step_data(1), headers=HTMX)

    assert b"<title>Safety check, step 2 of 7 \xc2\xb7 Limber</title>" in response.content


def test_a_whole_step_page_has_one_title(client_alice) -> None:
    draft = begin(client_alice)

    response = client_alice.get(step_url(draft, 1))

    assert response.content.count(b"<title>") == 1


def test_it_moves_focus_to_the_heading_or_to_the_errors(client_alice) -> None:
    draft = begin(client_alice)

    fine = client_alice.post(step_url(draft, 1), step_data(1), headers=HTMX).content.decode()
    wrong = client_alice.post(step_url(draft, 2), {"bladder": "x"}, headers=HTMX).content.decode()

    assert '<h1 id="step-title" data-focus-on-swap>' in fine
    assert '<h1 id="step-title">' in wrong
    assert 'role="alert" data-focus-on-swap>' in wrong


@pytest.mark.parametrize(
    ("step", "changes", "headline", "phone"),
    [
        (2, {"bladder": "yes"}, "Get emergency help now", "tel:999"),
        (4, {"fever": "yes"}, "See a doctor today", "tel:111"),
    ],
)
def test_it_says_get_help_as_soon_as_an_answer_needs_it(
    client_alice, step, changes, headline, phone
) -> None:
    draft = begin(client_alice)
    for earlier in range(1, step):
        client_alice.post(step_url(draft, earlier), step_data(earlier))

    response = client_alice.post(step_url(draft, step), step_data(step, **changes), headers=HTMX)

    content = response.content.decode()
    assert f"Step {step + 1} of 7" in content
    assert f'<h2 id="get-help-title" data-focus-on-swap>{headline}</h2>' in content
    assert f'href="{phone}"' in content
    assert '<h1 id="step-title">' in content  # focus goes to the call for help


def test_it_asks_nothing_extra_when_no_answer_needs_help(client_alice) -> None:
    draft = begin(client_alice)
    client_alice.post(step_url(draft, 1), step_data(1))

    response = client_alice.post(step_url(draft, 2), step_data(2), headers=HTMX)

    assert b"get-help-title" not in response.content


def test_an_answer_that_needs_help_closes_routines_at_once(client_alice, alice, screened) -> None:
    draft = begin(client_alice)
    client_alice.post(step_url(draft, 1), step_data(1))

    client_alice.post(step_url(draft, 2), step_data(2, saddle="yes"))

    assert FlagAnswer.objects.get(user=alice).question == "saddle"
    assert not screening_status(alice, timezone.now()).allowed


def test_ordinary_answers_leave_the_current_result_alone(client_alice, alice, screened) -> None:
    draft = begin(client_alice)
    client_alice.post(step_url(draft, 1), step_data(1))

    client_alice.post(step_url(draft, 2), step_data(2))

    screened.refresh_from_db()
    assert screened.lapsed_at is None


def test_it_returns_the_form_fragment_with_errors_for_htmx(client_alice) -> None:
    draft = begin(client_alice)

    response = client_alice.post(step_url(draft, 1), {"age": ""}, headers=HTMX)

    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"Please type your age" in response.content


@pytest.mark.parametrize("age", ["0", "-1"])
def test_it_asks_for_a_real_age(client_alice, age) -> None:
    draft = begin(client_alice)

    response = client_alice.post(step_url(draft, 1), step_data(1, age=age))

    assert b"Please type your age in years" in response.content
    assert b"made for people aged 16" not in response.content


def test_it_explains_the_minimum_age(client_alice) -> None:
    draft = begin(client_alice)

    response = client_alice.post(step_url(draft, 1), step_data(1, age=12))

    assert b"made for people aged 16 and over" in response.content


def test_it_does_not_let_a_step_be_skipped(client_alice) -> None:
    draft = begin(client_alice)

    response = client_alice.get(step_url(draft, 5))

    assert response.url == step_url(draft, 1)


@pytest.mark.parametrize("step", [0, 8])
def test_it_404s_for_a_step_that_does_not_exist(client_alice, step) -> None:
    draft = begin(client_alice)

    assert client_alice.get(step_url(draft, step)).status_code == 404


def test_it_404s_for_another_persons_draft(client_alice, bob) -> None:
    draft = ScreeningDraft.begin(bob, timezone.now())

    response = client_alice.post(step_url(draft, 1), step_data(1))

    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.answers == {}


def test_it_404s_for_an_unknown_draft(client_alice) -> None:
    url = reverse("screening:step", args=[uuid.uuid4(), 1])

    assert client_alice.get(url).status_code == 404


# --- Finishing --------------------------------------------------------------------------


def test_it_stores_a_clear_result_with_its_answers(client_alice, alice) -> None:
    draft, response = answer_all(client_alice)

    screening = Screening.objects.get(user=alice)
    assert response.url == reverse("screening:result", args=[screening.pk])
    assert screening.tier == Tier.CLEAR
    assert screening.answers == ALL_CLEAR
    assert screening.rules_version == RULES_VERSION
    assert screening.flags == [] and screening.cautions == []
    assert not ScreeningDraft.objects.filter(pk=draft.pk).exists()


def test_an_emergency_answer_ends_the_questions_there(client_alice, alice) -> None:
    draft = begin(client_alice)
    client_alice.post(step_url(draft, 1), step_data(1))
    client_alice.post(step_url(draft, 2), step_data(2, bladder="yes"))

    response = client_alice.get(step_url(draft, 3))

    assert b"You don't need to answer the rest. Get help now." in response.content
    assert b"See my result" not in response.content and b">Next<" not in response.content
    assert b"come back and finish" not in response.content
    assert not Screening.objects.filter(user=alice).exists()


def test_it_stores_caution_codes(client_alice, alice) -> None:
    answer_all(client_alice, below_knee="yes", knee_pain="yes")

    assert Screening.objects.get(user=alice).cautions == ["flexion-sparing", "knee"]


def test_it_stores_one_result_when_the_last_step_is_sent_twice(client_alice, alice) -> None:
    draft, first = answer_all(client_alice)

    second = client_alice.post(step_url(draft, 7), step_data(7))

    assert Screening.objects.filter(user=alice).count() == 1
    assert second.url == first.url


def test_it_sends_a_replayed_old_step_to_the_result(client_alice, alice) -> None:
    draft, first = answer_all(client_alice)

    replay = client_alice.post(step_url(draft, 2), step_data(2, bladder="yes"))

    assert replay.url == first.url
    assert Screening.objects.get(user=alice).tier == Tier.CLEAR


def test_it_redirects_htmx_to_the_result_with_a_full_visit(client_alice, alice) -> None:
    draft = begin(client_alice)
    for step in range(1, 7):
        client_alice.post(step_url(draft, step), step_data(step))

    response = client_alice.post(step_url(draft, 7), step_data(7), headers=HTMX)

    screening = Screening.objects.get(user=alice)
    assert response["HX-Redirect"] == reverse("screening:result", args=[screening.pk])


def test_a_replay_by_another_person_is_a_404(client_alice, client, bob) -> None:
    draft, _ = answer_all(client_alice)
    client.force_login(bob)

    assert client.post(step_url(draft, 7), step_data(7)).status_code == 404


def test_a_new_check_is_refused_while_an_urgent_result_stands(client_alice, alice) -> None:
    answer_all(client_alice, fever="yes")

    response = client_alice.post(reverse("screening:start"), follow=True)

    assert ScreeningDraft.objects.filter(user=alice).count() == 0
    assert b"You cannot answer the questions again yet" in response.content
    assert list(Screening.objects.filter(user=alice).values_list("tier", flat=True)) == [
        Tier.URGENT
    ]


def test_a_new_result_opens_the_gate_the_day_after_a_stop(
    client_alice, alice, make_screening
) -> None:
    make_screening(alice, created_at=days_ago(2))
    stop_at = days_ago(1)
    record_stop(alice, StopKind.SYMPTOM, label="sharp pain", at=stop_at, day=stop_at.date())
    assert not screening_status(alice, timezone.now()).allowed

    draft = begin(client_alice)
    client_alice.post(step_url(draft, 0), {"stop_settled": "settled"})
    for step in range(1, len(TOPICS) + 1):
        client_alice.post(step_url(draft, step), step_data(step))

    assert screening_status(alice, timezone.now()).allowed


# --- Results and history ----------------------------------------------------------------


def test_a_clear_result_links_to_todays_routine(client_alice, screened) -> None:
    response = client_alice.get(reverse("screening:result", args=[screened.pk]))

    assert reverse("tracking:today").encode() in response.content
    assert b"You can start" in response.content


def test_the_latest_result_has_its_own_address(client_alice, screened) -> None:
    response = client_alice.get(reverse("screening:result"))

    assert response.context["screening"] == screened


def test_it_sends_someone_without_results_to_start(client_alice) -> None:
    assert client_alice.get(reverse("screening:result")).url == reverse("screening:start")


def test_an_emergency_result_is_concrete_and_shows_no_routine(
    client_alice, alice, make_screening
) -> None:
    screening = make_screening(alice, "emergency")

    response = client_alice.get(reverse("screening:result", args=[screening.pk]))

    content = response.content.decode()
    assert "Get emergency help now" in content
    assert "now, or go to the nearest emergency department" in content
    assert "Do not drive yourself" in content
    assert 'href="tel:999"' in content
    assert reverse("tracking:today") + '"' not in content.split("<main", 1)[1]


@pytest.mark.parametrize(("tier", "steps"), [("emergency", 4), ("urgent", 4), ("clinician", 3)])
def test_a_blocked_result_gives_what_to_do_as_numbered_steps(
    client_alice, alice, make_screening, tier, steps
) -> None:
    screening = make_screening(alice, tier)

    content = client_alice.get(reverse("screening:result", args=[screening.pk])).content.decode()

    listed = content.split('<ol class="screening-action screening-steps">', 1)[1].split("</ol>")[0]
    assert listed.count("<li>") == steps
    assert "<li>Do not" in listed or "<li>Until then, do not" in listed


def test_an_urgent_result_says_today(client_alice, alice, make_screening) -> None:
    screening = make_screening(alice, "urgent")

    response = client_alice.get(reverse("screening:result", args=[screening.pk]))

    assert b"Contact NHS 111 or your GP today." in response.content
    assert b"If you get worse while you wait, call 999." in response.content


def test_a_clinician_result_offers_to_record_clearance(client_alice, alice, make_screening) -> None:
    screening = make_screening(alice, "clinician")

    response = client_alice.get(reverse("screening:result", args=[screening.pk]))

    assert reverse("screening:clearance", args=[screening.pk]).encode() in response.content


def test_another_persons_result_is_a_404(client_alice, bob, make_screening) -> None:
    screening = make_screening(bob)

    assert client_alice.get(reverse("screening:result", args=[screening.pk])).status_code == 404


def test_it_lists_the_answers_in_questionnaire_order(client_alice, alice, make_screening) -> None:
    screening = make_screening(alice)
    # As PostgreSQL's jsonb may hand them back: not in the order they were stored.
    Screening.objects.filter(pk=screening.pk).update(answers=dict(reversed(ALL_CLEAR.items())))

    response = client_alice.get(reverse("screening:result", args=[screening.pk]))

    shown = [question for question, _ in response.context["answers"]]
    assert shown == [q.text for topic in TOPICS for q in topic.questions]
    assert response.context["answers"][0] == ["How old are you?", "35"]


def test_an_old_result_says_it_no_longer_decides(client_alice, alice, make_screening) -> None:
    screening = make_screening(alice, created_at=days_ago(40))

    response = client_alice.get(reverse("screening:result", args=[screening.pk]))

    assert b"It no longer decides what you can do" in response.content
    assert response.context["allowed"] is False


def test_history_lists_only_my_results_newest_first(
    client_alice, alice, bob, make_screening
) -> None:
    old = make_screening(alice, "urgent", created_at=days_ago(45))
    new = make_screening(alice)
    make_screening(bob, "emergency")

    response = client_alice.get(reverse("screening:history"))

    assert [row["screening"] for row in response.context["rows"]] == [new, old]
    assert [row["current"] for row in response.context["rows"]] == [True, False]


# --- Clearance --------------------------------------------------------------------------


def clearance_data(**changes: object) -> dict[str, object]:
    return {
        "clinician_name": "Sam Jones",
        "clinician_role": "physio",
        "cleared_on": timezone.localdate().isoformat(),
        "note": "Go gently.",
        "confirm": "on",
        **changes,
    }


def test_it_records_a_clearance_and_opens_the_gate(client_alice, alice, make_screening) -> None:
    screening = make_screening(alice, "clinician")
    url = reverse("screening:clearance", args=[screening.pk])

    response = client_alice.post(url, clearance_data())

    assert response.url == reverse("screening:result", args=[screening.pk])
    clearance = Clearance.objects.get(screening=screening)
    assert (clearance.user, clearance.clinician_name) == (alice, "Sam Jones")
    assert screening_status(alice, timezone.now()).allowed


def test_it_shows_the_clearance_form(client_alice, alice, make_screening) -> None:
    screening = make_screening(alice, "clinician")

    response = client_alice.get(reverse("screening:clearance", args=[screening.pk]))

    assert b"Who cleared you?" in response.content


def test_it_explains_an_empty_clearance_post(client_alice, alice, make_screening) -> None:
    screening = make_screening(alice, "clinician")

    response = client_alice.post(reverse("screening:clearance", args=[screening.pk]), {})

    assert response.status_code == 200
    assert b"Please check the answers marked below" in response.content
    assert not Clearance.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"confirm": ""},
        {"clinician_name": ""},
        {"clinician_role": "wizard"},
        {"cleared_on": "not a date"},
        {"cleared_on": (timezone.localdate() + timedelta(days=2)).isoformat()},
        {"cleared_on": (timezone.localdate() - timedelta(days=40)).isoformat()},
        {"note": "x" * 501},
    ],
)
def test_it_refuses_a_bad_clearance(client_alice, alice, make_screening, bad) -> None:
    screening = make_screening(alice, "clinician")

    response = client_alice.post(
        reverse("screening:clearance", args=[screening.pk]), clearance_data(**bad)
    )

    assert response.status_code == 200
    assert b"Please check the answers marked below" in response.content
    assert not Clearance.objects.exists()


@pytest.mark.parametrize("tier", ["emergency", "urgent", "clear"])
def test_clearance_is_only_for_the_clinician_tier(
    client_alice, alice, make_screening, tier
) -> None:
    screening = make_screening(alice, tier)

    response = client_alice.post(
        reverse("screening:clearance", args=[screening.pk]), clearance_data()
    )

    assert response.url == reverse("screening:result", args=[screening.pk])
    assert not Clearance.objects.exists()
    assert screening_status(alice, timezone.now()).allowed is (tier == "clear")


def test_clearance_is_refused_for_an_old_result(client_alice, alice, make_screening) -> None:
    old = make_screening(alice, "clinician", created_at=days_ago(3))
    make_screening(alice, "clinician")

    response = client_alice.post(
        reverse("screening:clearance", args=[old.pk]), clearance_data(), follow=True
    )

    assert not Clearance.objects.exists()
    assert b"not the one that decides for you now" in response.content


def test_clearance_for_another_persons_result_is_a_404(client_alice, bob, make_screening) -> None:
    screening = make_screening(bob, "clinician")

    response = client_alice.post(
        reverse("screening:clearance", args=[screening.pk]), clearance_data()
    )

    assert response.status_code == 404
    assert not Clearance.objects.exists()


def test_a_second_clearance_is_not_stored(client_alice, alice, make_screening) -> None:
    screening = make_screening(alice, "clinician")
    url = reverse("screening:clearance", args=[screening.pk])

    client_alice.post(url, clearance_data())
    again = client_alice.post(url, clearance_data(clinician_name="Someone Else"), follow=True)

    assert Clearance.objects.get().clinician_name == "Sam Jones"
    assert b"You are already cleared to start" in again.content


def test_no_page_shows_template_code(client_alice, alice, bob, make_screening) -> None:
    draft = begin(client_alice)
    pages = []
    for step in range(1, len(TOPICS) + 1):
        pages.append(client_alice.get(step_url(draft, step)))
        pages.append(client_alice.post(step_url(draft, step), step_data(step), headers=HTMX))
    screening = make_screening(alice, "clinician")
    for name, args in [
        ("screening:start", []),
        ("screening:standing", []),
        ("screening:history", []),
        ("screening:result", [screening.pk]),
        ("screening:clearance", [screening.pk]),
        ("screening:intended-use", []),
    ]:
        pages.append(client_alice.get(reverse(name, args=args)))
    # The questions ended by an emergency answer, and the form to record being seen.
    client_bob = Client()
    client_bob.force_login(bob)
    draft = begin(client_bob)
    client_bob.post(step_url(draft, 1), step_data(1))
    pages.append(client_bob.post(step_url(draft, 2), step_data(2, bladder="yes"), follow=True))
    pages.append(client_bob.get(reverse("screening:assessment")))

    for page in pages:
        assert page.status_code == 200, page
        for leftover in (b"{#", b"#}", b"{%", b"%}", b"{{"):
            assert leftover not in page.content, (page.request["PATH_INFO"], leftover)


# --- Admin ------------------------------------------------------------------------------


def test_admin_shows_screenings_read_only(client, admin_user, alice, make_screening) -> None:
    screening = make_screening(alice, "clinician", cleared_on=timezone.localdate())
    client.force_login(admin_user)

    listing = client.get(reverse("admin:screening_screening_changelist"))
    detail = client.get(reverse("admin:screening_screening_change", args=[screening.pk]))
    clearances = client.get(reverse("admin:screening_clearance_changelist"))

    assert listing.status_code == detail.status_code == clearances.status_code == 200
    assert b"&quot;cancer&quot;: &quot;yes&quot;" in detail.content
    assert b'name="answers"' not in detail.content
    assert b"Dr Patel" in detail.content


def test_a_cleared_result_says_so_and_lists_plan_changes(
    client_alice, alice, make_screening
) -> None:
    screening = make_screening(
        alice, "clinician", cautions=["floor"], cleared_on=timezone.localdate()
    )

    response = client_alice.get(reverse("screening:result", args=[screening.pk]))

    assert b"You are cleared to start" in response.content
    assert b"Dr Patel" in response.content
    assert b"sitting on a chair or standing" in response.content
    assert reverse("tracking:today").encode() in response.content


@pytest.mark.parametrize("page", ["screening:start", "screening:standing"])
def test_a_person_told_to_see_their_gp_is_told_it_once(
    client_alice, alice, make_screening, page
) -> None:
    make_screening(alice, "clinician")

    shown = client_alice.get(reverse(page)).content.decode().split("<main", 1)[1]

    assert shown.count("See your GP or a physio first") == 1
    assert "Once they have seen you, record what they told you." in shown
