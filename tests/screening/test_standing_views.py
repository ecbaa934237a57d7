"""The safety standing through the test client: alarms that hold, corrections, stale
drafts, earlier answers asked again, records of being seen, clearances and the banner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from config.models import AuditEvent
from screening.gate import screening_status
from screening.models import (
    AnswerChange,
    AssessmentRecord,
    Clearance,
    FlagAnswer,
    SafetyStop,
    Screening,
    ScreeningDraft,
)
from screening.questions import TOPICS
from screening.records import record_stop
from screening.standing import StopKind
from tests.screening.builders import days_ago
from tests.screening.test_views import answer_all, begin, step_data, step_url

pytestmark = pytest.mark.django_db
ROUTINE = reverse("tracking:today")


def allowed(user) -> bool:
    return screening_status(user, timezone.now()).allowed


def emergency_in_draft(client, **answers: object) -> ScreeningDraft:
    """Answer step 1, then new bladder trouble on step 2: the questions end there."""
    draft = begin(client)
    client.post(step_url(draft, 1), step_data(1))
    client.post(step_url(draft, 2), step_data(2, bladder="yes", **answers))
    return draft


def actions(user) -> list[str]:
    return list(
        AuditEvent.objects.filter(user=user).order_by("pk").values_list("action", flat=True)
    )


# --- An emergency or urgent answer stands ------------------------------------------------


def test_an_emergency_answer_closes_the_routine_at_once(client_alice, alice, screened) -> None:
    assert client_alice.get(ROUTINE).status_code == 200

    emergency_in_draft(client_alice)

    assert client_alice.get(ROUTINE).status_code == 403
    assert not allowed(alice)


def test_no_new_check_is_offered_while_an_emergency_stands(client_alice, alice) -> None:
    emergency_in_draft(client_alice)

    page = client_alice.get(reverse("screening:standing")).content.decode()

    assert "Get emergency help now" in page
    assert "Answer the questions again" not in page
    assert "I have been seen: record it" in page


def test_an_all_no_check_right_after_an_emergency_is_refused(client_alice, alice) -> None:
    emergency_in_draft(client_alice)

    answer_all(client_alice)

    assert not Screening.objects.filter(user=alice).exists()
    assert not allowed(alice)


def test_a_new_check_may_be_taken_after_24_hours(client_alice, alice) -> None:
    emergency_in_draft(client_alice)
    FlagAnswer.objects.update(at=timezone.now() - timedelta(hours=24, minutes=1))

    response = client_alice.post(reverse("screening:start"))

    draft = ScreeningDraft.objects.filter(user=alice, cancelled_at__isnull=True).latest("pk")
    assert response.url == step_url(draft, 0)


def test_the_emergency_advice_names_the_condition_and_one_number(client_alice) -> None:
    draft = emergency_in_draft(client_alice)

    page = client_alice.get(step_url(draft, 3)).content.decode()

    assert "Call 999 now" in page
    assert "you may have cauda equina syndrome" in page
    for other in ("112", "911"):
        assert f"tel:{other}" not in page and f"Call {other}" not in page


def test_a_us_person_is_told_911(client, make_user) -> None:
    sam = make_user("sam", country="US")
    client.force_login(sam)
    draft = emergency_in_draft(client)

    page = client.get(step_url(draft, 3)).content.decode()

    assert 'href="tel:911"' in page
    assert "tel:999" not in page and "Call 999" not in page


def test_an_emergency_answer_is_audited_without_its_value(client_alice, alice) -> None:
    emergency_in_draft(client_alice)

    event = AuditEvent.objects.get(user=alice, action=AuditEvent.Action.ALARM_ADVICE)
    assert event.object_type == "screening.FlagAnswer"
    assert "bladder" not in f"{event.object_type}{event.object_id}"


# --- A mistaken tap -----------------------------------------------------------------------


def test_a_mistaken_tap_is_taken_back_on_the_spot(client_alice, alice, screened) -> None:
    draft = emergency_in_draft(client_alice)

    response = client_alice.post(
        reverse("screening:mistake", args=[draft.token]), {"question": "bladder"}
    )

    assert response.url == step_url(draft, 2)
    flag_answer = FlagAnswer.objects.get(user=alice)
    assert flag_answer.corrected_at is not None
    assert "bladder" not in ScreeningDraft.objects.get(pk=draft.pk).answers
    assert allowed(alice)
    assert AuditEvent.Action.ANSWER_CORRECTED in actions(alice)


def test_the_corrected_question_is_asked_again(client_alice, alice) -> None:
    draft = emergency_in_draft(client_alice)
    client_alice.post(reverse("screening:mistake", args=[draft.token]), {"question": "bladder"})

    page = client_alice.get(step_url(draft, 2)).content.decode()

    assert 'name="bladder"' in page
    assert "Get emergency help now" not in page


@pytest.mark.parametrize("question", ["fever", "nonsense", ""])
def test_a_mistake_for_an_answer_not_given_is_a_404(client_alice, alice, question) -> None:
    draft = emergency_in_draft(client_alice)

    response = client_alice.post(
        reverse("screening:mistake", args=[draft.token]), {"question": question}
    )

    assert response.status_code == 404
    assert FlagAnswer.objects.get(user=alice).corrected_at is None


def test_a_mistake_on_another_persons_draft_is_a_404(client, alice, bob) -> None:
    client.force_login(alice)
    draft = emergency_in_draft(client)
    client.force_login(bob)

    response = client.post(
        reverse("screening:mistake", args=[draft.token]), {"question": "bladder"}
    )

    assert response.status_code == 404
    assert FlagAnswer.objects.get().corrected_at is None


def test_a_mistake_needs_a_post(client_alice) -> None:
    draft = emergency_in_draft(client_alice)

    assert client_alice.get(reverse("screening:mistake", args=[draft.token])).status_code == 405


def test_an_urgent_answer_keeps_the_questions_going(client_alice, alice) -> None:
    draft = begin(client_alice)
    for step in range(1, 5):
        client_alice.post(step_url(draft, step), step_data(step, fever="yes"))

    page = client_alice.get(step_url(draft, 5)).content.decode()

    assert "See a doctor today" in page
    assert 'name="' in page  # the next questions are still asked
    assert "I answered this by mistake" in page
    assert not allowed(alice)


# --- Older drafts cannot overturn newer answers -----------------------------------------


def test_a_red_flag_answer_cancels_other_open_drafts(client_alice, alice) -> None:
    stale = begin(client_alice)
    emergency_in_draft(client_alice)

    stale.refresh_from_db()
    assert stale.cancelled_at is not None


def test_finishing_a_stale_draft_is_refused_and_stores_nothing(client_alice, alice) -> None:
    stale = begin(client_alice)
    for step in range(1, len(TOPICS)):
        client_alice.post(step_url(stale, step), step_data(step))
    fresh = begin(client_alice)
    client_alice.post(step_url(fresh, 1), step_data(1))
    client_alice.post(step_url(fresh, 2), step_data(2, bladder="yes"))

    response = client_alice.post(step_url(stale, len(TOPICS)), step_data(len(TOPICS)), follow=True)

    assert not Screening.objects.filter(user=alice).exists()
    assert b"replaced by newer ones" in response.content
    assert not allowed(alice)


def test_a_blocking_result_cancels_other_open_drafts(client_alice, alice) -> None:
    stale = begin(client_alice)

    answer_all(client_alice, cancer="yes")

    stale.refresh_from_db()
    assert Screening.objects.get(user=alice).tier == 3
    assert stale.cancelled_at is not None


# --- A new check shows earlier positive answers first -------------------------------------


@pytest.fixture
def cooled_emergency(client_alice, alice):
    draft = emergency_in_draft(client_alice)
    FlagAnswer.objects.update(at=timezone.now() - timedelta(hours=25))
    return draft


def test_a_new_check_first_shows_the_earlier_positive_answer(client_alice, cooled_emergency):
    client_alice.post(reverse("screening:start"))
    draft = ScreeningDraft.objects.filter(cancelled_at__isnull=True).latest("pk")

    page = client_alice.get(step_url(draft, 0)).content.decode()

    assert "you told us about new trouble peeing" in page
    assert "Is that still the case?" in page


def test_a_change_to_no_needs_a_reason(client_alice, alice, cooled_emergency) -> None:
    client_alice.post(reverse("screening:start"))
    draft = ScreeningDraft.objects.filter(cancelled_at__isnull=True).latest("pk")

    response = client_alice.post(step_url(draft, 0), {"still_bladder": "no"})

    assert response.status_code == 200
    assert b"Please say why your answer has changed." in response.content
    assert ScreeningDraft.objects.get(pk=draft.pk).recall_answers == {}


def test_the_changed_answer_is_stored_with_its_reason(client_alice, alice, cooled_emergency):
    client_alice.post(reverse("screening:start"))
    draft = ScreeningDraft.objects.filter(cancelled_at__isnull=True).latest("pk")
    client_alice.post(step_url(draft, 0), {"still_bladder": "no", "why_bladder": "mistake"})
    for step in range(1, len(TOPICS) + 1):
        client_alice.post(step_url(draft, step), step_data(step))

    screening = Screening.objects.get(user=alice)
    change = AnswerChange.objects.get(screening=screening)
    assert (change.question, change.earlier_answer, change.reason) == ("bladder", "yes", "mistake")
    assert screening.answers["bladder"] == "no"
    assert allowed(alice)
    assert AuditEvent.Action.ANSWER_CHANGED in actions(alice)


def test_a_sign_still_there_ends_the_new_check_at_once(client_alice, alice, cooled_emergency):
    client_alice.post(reverse("screening:start"))
    draft = ScreeningDraft.objects.filter(cancelled_at__isnull=True).latest("pk")

    client_alice.post(step_url(draft, 0), {"still_bladder": "yes"})

    page = client_alice.get(step_url(draft, 1)).content.decode()
    assert "You don't need to answer the rest. Get help now." in page
    assert not allowed(alice)


def test_a_recalled_question_is_not_asked_twice(client_alice, alice, cooled_emergency) -> None:
    client_alice.post(reverse("screening:start"))
    draft = ScreeningDraft.objects.filter(cancelled_at__isnull=True).latest("pk")
    client_alice.post(step_url(draft, 0), {"still_bladder": "no", "why_bladder": "gone-checked"})
    client_alice.post(step_url(draft, 1), step_data(1))

    page = client_alice.get(step_url(draft, 2)).content.decode()

    assert 'name="bladder"' not in page
    assert 'name="bowel"' in page


def test_the_questions_wait_for_the_first_step(client_alice, cooled_emergency) -> None:
    client_alice.post(reverse("screening:start"))
    draft = ScreeningDraft.objects.filter(cancelled_at__isnull=True).latest("pk")

    response = client_alice.get(step_url(draft, 1))

    assert response.url == step_url(draft, 0)


def test_a_stop_is_asked_about_first(client_alice, alice, make_screening) -> None:
    make_screening(alice, created_at=days_ago(3))
    at = days_ago(1)
    record_stop(alice, StopKind.SYMPTOM, label="sharp or shooting pain", at=at, day=at.date())
    client_alice.post(reverse("screening:start"))
    draft = ScreeningDraft.objects.latest("pk")

    page = client_alice.get(step_url(draft, 0)).content.decode()

    assert "you stopped a session because of sharp or shooting pain. Has it settled?" in page


# --- Records of being seen ------------------------------------------------------------------


def seen_data(**changes: object) -> dict[str, object]:
    return {"place": "emergency", "seen_on": timezone.localdate().isoformat(), **changes}


def test_recording_being_seen_reopens_the_routine(client_alice, alice, screened) -> None:
    emergency_in_draft(client_alice)

    response = client_alice.post(reverse("screening:assessment"), seen_data(), follow=True)

    assert AssessmentRecord.objects.get(user=alice).place == "emergency"
    assert b"Get emergency help at once if you notice" in response.content
    assert AuditEvent.Action.ASSESSMENT in actions(alice)
    assert client_alice.get(ROUTINE).status_code == 200


def test_a_visit_date_in_the_future_is_refused(client_alice, alice) -> None:
    emergency_in_draft(client_alice)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = client_alice.post(reverse("screening:assessment"), seen_data(seen_on=tomorrow))

    assert b"This date is in the future" in response.content
    assert not AssessmentRecord.objects.exists()
    assert not allowed(alice)


def test_a_visit_date_before_the_answer_is_refused(client_alice, alice) -> None:
    emergency_in_draft(client_alice)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = client_alice.post(reverse("screening:assessment"), seen_data(seen_on=yesterday))

    assert b"This date is before the answers you gave" in response.content
    assert not AssessmentRecord.objects.exists()


def test_a_place_must_be_one_of_the_choices(client_alice, alice) -> None:
    emergency_in_draft(client_alice)

    response = client_alice.post(reverse("screening:assessment"), seen_data(place="spa"))

    assert b"Please choose one of the answers." in response.content
    assert not AssessmentRecord.objects.exists()


def test_there_is_nothing_to_record_without_an_alarm(client_alice, alice, screened) -> None:
    response = client_alice.post(reverse("screening:assessment"), seen_data())

    assert response.url == reverse("screening:standing")
    assert not AssessmentRecord.objects.exists()


def test_an_urgent_result_then_seen_opens_the_routine(client_alice, alice) -> None:
    answer_all(client_alice, fever="yes")
    assert not allowed(alice)

    client_alice.post(reverse("screening:assessment"), seen_data(place="gp"))

    assert allowed(alice)
    assert client_alice.get(ROUTINE).status_code == 200


# --- Clearances -----------------------------------------------------------------------------


def clearance_data(**changes: object) -> dict[str, object]:
    return {
        "clinician_name": "Sam Jones",
        "clinician_role": "physio",
        "cleared_on": timezone.localdate().isoformat(),
        "confirm": "on",
        **changes,
    }


def test_a_clearance_dated_before_the_result_is_refused(client_alice, alice, make_screening):
    screening = make_screening(alice, "clinician", created_at=days_ago(2))
    before = (timezone.localdate() - timedelta(days=3)).isoformat()

    response = client_alice.post(
        reverse("screening:clearance", args=[screening.pk]), clearance_data(cleared_on=before)
    )

    assert b"This date is before this safety check" in response.content
    assert not Clearance.objects.exists()


def test_the_clearance_form_offers_only_real_roles(client_alice, alice, make_screening) -> None:
    screening = make_screening(alice, "clinician")

    page = client_alice.get(reverse("screening:clearance", args=[screening.pk])).content.decode()

    assert 'name="clinician_role" value=""' not in page
    assert "---------" not in page


def test_a_clearance_stores_the_flags_it_covers(client_alice, alice, make_screening) -> None:
    screening = make_screening(alice, "clinician")

    client_alice.post(reverse("screening:clearance", args=[screening.pk]), clearance_data())

    assert Clearance.objects.get().flags == ["cancer"]
    assert allowed(alice)


def test_a_cleared_result_does_not_say_see_a_doctor_first(client_alice, alice, make_screening):
    screening = make_screening(alice, "clinician", cleared_on=timezone.localdate())

    page = client_alice.get(reverse("screening:result", args=[screening.pk])).content.decode()

    assert "You are cleared to start" in page
    assert "should check your back before you start" not in page
    assert "Book an appointment" not in page


# --- What every page shows --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["tracking:dashboard", "tracking:log", "profile", "screening:history"]
)
def test_every_signed_in_page_carries_the_banner_while_an_alarm_stands(
    client_alice, alice, name
) -> None:
    emergency_in_draft(client_alice)

    page = client_alice.get(reverse(name)).content.decode()

    assert page.count('class="safety-banner') == 1
    assert 'href="tel:999"' in page


def test_there_is_no_banner_without_an_alarm(client_alice, alice, screened) -> None:
    assert (
        'class="safety-banner'
        not in client_alice.get(reverse("tracking:dashboard")).content.decode()
    )


def test_every_result_says_it_is_not_a_diagnosis(client_alice, alice, screened) -> None:
    page = client_alice.get(reverse("screening:result", args=[screened.pk])).content.decode()

    assert "This check is not a diagnosis." in page
    assert "Get emergency help at once if you notice" in page


def test_a_result_keeps_the_words_shown_when_it_was_made(client_alice, alice) -> None:
    answer_all(client_alice, cancer="yes")
    screening = Screening.objects.get(user=alice)
    Screening.objects.filter(pk=screening.pk).update(
        shown={**screening.shown, "headline": "Words from an earlier version"}
    )

    page = client_alice.get(reverse("screening:result", args=[screening.pk])).content.decode()

    assert "Words from an earlier version" in page


def test_a_stop_is_stored_for_the_standing(alice) -> None:
    at = timezone.now()
    record_stop(alice, StopKind.CRAMP, label="cramp", at=at, day=at.date())

    assert SafetyStop.objects.get(user=alice).kind == "cramp"


def test_the_intended_use_page_is_open_to_everyone(client) -> None:
    page = client.get(reverse("screening:intended-use")).content.decode()

    assert "Limber is not for you if" in page
    assert "you are under 16" in page


@pytest.mark.parametrize(
    ("answer", "flags", "may_stretch"),
    [("not-settled", ["stop-unsettled"], False), ("settled", [], True)],
)
def test_a_stop_that_has_not_settled_needs_a_clinician(
    client_alice, alice, make_screening, answer, flags, may_stretch
) -> None:
    make_screening(alice, created_at=days_ago(3))
    at = days_ago(1)
    record_stop(alice, StopKind.SYMPTOM, label="sharp or shooting pain", at=at, day=at.date())
    client_alice.post(reverse("screening:start"))
    draft = ScreeningDraft.objects.latest("pk")

    client_alice.post(step_url(draft, 0), {"stop_settled": answer})
    for step in range(1, len(TOPICS) + 1):
        client_alice.post(step_url(draft, step), step_data(step))

    assert Screening.objects.filter(user=alice).latest("created_at").flags == flags
    assert allowed(alice) is may_stretch


def test_the_stop_question_needs_an_answer(client_alice, alice, make_screening) -> None:
    make_screening(alice, created_at=days_ago(3))
    at = days_ago(1)
    record_stop(alice, StopKind.SYMPTOM, label="numbness", at=at, day=at.date())
    client_alice.post(reverse("screening:start"))
    draft = ScreeningDraft.objects.latest("pk")

    response = client_alice.post(step_url(draft, 0), {"stop_settled": "maybe"})

    assert b"Please choose one of the answers." in response.content
    assert ScreeningDraft.objects.get(pk=draft.pk).recall_answers == {}


def test_a_draft_begun_under_older_rules_still_finishes(client_alice, alice) -> None:
    draft = begin(client_alice)
    ScreeningDraft.objects.filter(pk=draft.pk).update(answers={"new_nerve": "no"})
    for step in range(1, len(TOPICS) + 1):
        client_alice.post(step_url(draft, step), step_data(step))

    assert "new_nerve" not in Screening.objects.get(user=alice).answers
    assert allowed(alice)


def test_the_current_alarms_result_carries_no_second_banner(client_alice, alice) -> None:
    answer_all(client_alice, fever="yes")
    screening = Screening.objects.get(user=alice)

    page = client_alice.get(reverse("screening:result", args=[screening.pk])).content.decode()

    assert 'class="safety-banner' not in page
    assert page.count("See a doctor today") == 2  # the title and the heading


def test_the_step_that_ends_the_questions_gives_the_advice_once(client_alice, alice) -> None:
    draft = emergency_in_draft(client_alice)

    page = client_alice.get(step_url(draft, 3)).content.decode()

    assert 'class="safety-banner' not in page
    # The call button, the warning card, and the card folded in the footer.
    assert page.count('href="tel:999"') == 3


def test_progress_does_not_invite_a_new_check_while_an_alarm_stands(client_alice, alice) -> None:
    emergency_in_draft(client_alice)

    page = client_alice.get(reverse("tracking:dashboard")).content.decode()

    assert "Take the safety check" not in page
    assert page.count('class="safety-banner') == 1


def test_progress_invites_a_first_check(client_alice, alice) -> None:
    page = client_alice.get(reverse("tracking:dashboard")).content.decode()

    assert "Take the safety check" in page
