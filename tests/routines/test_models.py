"""Editor changes that would break the engine are refused with a message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from routines.models import StageRule, Stretch

pytestmark = pytest.mark.django_db


def test_it_refuses_a_hold_range_whose_minimum_is_above_its_maximum():
    rule = StageRule.objects.get(number=2)
    rule.hold_min, rule.hold_max = 50, 40
    with pytest.raises(ValidationError) as caught:
        rule.full_clean()
    assert "hold_min" in caught.value.message_dict


def test_it_refuses_a_reps_range_upside_down():
    rule = StageRule.objects.get(number=1)
    rule.reps_min = 5
    with pytest.raises(ValidationError):
        rule.full_clean()


def test_it_refuses_a_stage_with_no_stretches():
    Stretch.objects.filter(kind="family").update(min_stage=4)
    with pytest.raises(ValidationError, match="No knee-to-chest stretch"):
        StageRule.objects.get(number=1).full_clean()


@pytest.mark.parametrize(("seconds", "refused"), [(30, False), (31, True)])
def test_it_refuses_a_double_knee_hold_over_30_seconds(seconds, refused):
    rule = StageRule.objects.get(number=3)
    rule.double_knee_max_hold = seconds
    if refused:
        with pytest.raises(ValidationError) as caught:
            rule.full_clean()
        assert "double_knee_max_hold" in caught.value.message_dict
    else:
        rule.full_clean()


def test_it_accepts_a_sensible_change():
    rule = StageRule.objects.get(number=1)
    rule.hold_max = 25
    rule.full_clean()


def test_it_refuses_an_unknown_caution_code():
    stretch = Stretch.objects.get(slug="cat-cow")
    stretch.excluded_by = ["knees"]
    with pytest.raises(ValidationError, match="Unknown caution code: knees"):
        stretch.full_clean()


def test_it_refuses_a_caution_that_both_excludes_and_prefers():
    stretch = Stretch.objects.get(slug="cat-cow")
    stretch.preferred_by = ["knee"]
    with pytest.raises(ValidationError, match="both"):
        stretch.full_clean()


def test_it_refuses_a_missing_picture():
    stretch = Stretch.objects.get(slug="cat-cow")
    stretch.picture = "routines/svg/no-such-file.svg"
    with pytest.raises(ValidationError) as caught:
        stretch.full_clean()
    assert "picture" in caught.value.message_dict


def test_it_refuses_a_change_that_leaves_someone_without_a_stretch():
    # Seated and standing are the only knee-to-chest stretches off the floor.
    Stretch.objects.filter(slug="seated-knee-to-chest").update(
        excluded_by=["floor"], preferred_by=[]
    )
    standing = Stretch.objects.get(slug="standing-desk-knee-hug")
    standing.excluded_by, standing.preferred_by = ["floor"], []
    with pytest.raises(ValidationError, match="floor caution"):
        standing.full_clean()


def test_it_refuses_a_hold_range_upside_down_in_the_admin(admin_client):
    rule = StageRule.objects.get(number=1)
    url = reverse("admin:routines_stagerule_change", args=[rule.pk])
    form = {
        "name": rule.name,
        "source": rule.source,
        "hold_min": 30,
        "hold_max": 20,
        "reps_min": 2,
        "reps_max": 3,
        "sessions_min": 2,
        "sessions_max": 2,
        "flare_sessions": 3,
        "walk_minutes": 10,
        "double_knee_max_hold": 30,
        "min_days": 0,
        "min_sessions": 0,
        "settled_days": 14,
    }
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert "cannot be more than the longest" in response.content.decode()
    rule.refresh_from_db()
    assert (rule.hold_min, rule.hold_max) == (15, 20)


def test_it_keeps_the_last_stretch_an_editor_tries_to_delete(admin_client):
    Stretch.objects.filter(kind="walk").exclude(slug="short-walk").delete()
    walk = Stretch.objects.get(slug="short-walk")
    url = reverse("admin:routines_stretch_delete", args=[walk.pk])
    response = admin_client.post(url, {"post": "yes"}, follow=True)
    assert Stretch.objects.filter(slug="short-walk").exists()
    assert "was kept" in response.content.decode()


def test_the_admin_lists_the_library(admin_client):
    response = admin_client.get(reverse("admin:routines_stretch_changelist"))
    assert response.status_code == 200
    assert "Single knee-to-chest" in response.content.decode()


def test_the_admin_shows_a_stretch_with_caution_tick_boxes(admin_client):
    stretch = Stretch.objects.get(slug="double-knee-to-chest")
    response = admin_client.get(reverse("admin:routines_stretch_change", args=[stretch.pk]))
    assert response.status_code == 200
    assert 'type="checkbox" name="excluded_by" value="flexion-sparing"' in response.content.decode()


def stretch_form(stretch: Stretch, **changes: object) -> dict[str, object]:
    """The admin change form for `stretch` as the editor would post it."""
    form: dict[str, object] = {
        field: getattr(stretch, field)
        for field in [
            "name",
            "slug",
            "kind",
            "position",
            "targets",
            "summary",
            "breathing_cue",
            "default_hold_seconds",
            "default_reps",
            "min_stage",
            "priority",
            "picture",
            "picture_alt",
            "source",
        ]
    }
    form.update(excluded_by=stretch.excluded_by, preferred_by=stretch.preferred_by)
    form.update(
        {f: "on" for f in ["per_side", "double_knee", "rocking", "flexion"] if getattr(stretch, f)}
    )
    for prefix, rows, fields in (
        ("steps", list(stretch.steps.all()), ["order", "text"]),
        ("mistakes", list(stretch.mistakes.all()), ["order", "mistake", "fix"]),
    ):
        form.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for i, row in enumerate(rows):
            form[f"{prefix}-{i}-id"] = row.pk
            form[f"{prefix}-{i}-stretch"] = stretch.pk
            form.update({f"{prefix}-{i}-{f}": getattr(row, f) for f in fields})
    form.update(changes)
    return form


def test_the_editor_can_change_a_stretchs_cautions(admin_client):
    stretch = Stretch.objects.get(slug="supine-spinal-twist")
    url = reverse("admin:routines_stretch_change", args=[stretch.pk])
    form = stretch_form(stretch, excluded_by=["floor", "pregnancy", "flexion-sparing"])
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    stretch.refresh_from_db()
    assert set(stretch.excluded_by) == {"floor", "pregnancy", "flexion-sparing"}


def test_the_admin_refuses_a_change_that_leaves_a_caution_without_a_walk(admin_client):
    walk = Stretch.objects.get(slug="short-walk")
    url = reverse("admin:routines_stretch_change", args=[walk.pk])
    response = admin_client.post(url, stretch_form(walk, excluded_by=["knee"]))
    assert response.status_code == 200
    assert "No walk fits someone with the knee caution." in response.content.decode()
    walk.refresh_from_db()
    assert walk.excluded_by == []
