"""Data migrations that change shipped text keep an editor's own words."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from routines.models import Stretch, StretchStep

pytestmark = pytest.mark.django_db

reword = importlib.import_module("routines.migrations.0003_reword_library_text")


def test_it_rewords_the_shipped_lines_that_were_too_close_to_the_sources():
    step = StretchStep.objects.filter(stretch__slug="figure-four-stretch").order_by("order")[1]
    step.text = "Cross your right ankle over your left knee."
    step.save()
    Stretch.objects.filter(slug="double-knee-to-chest").update(
        picture_alt="A person lying on their back hugging both knees toward the chest, head "
        "resting on the mat."
    )
    reword.forwards(apps, None)
    step.refresh_from_db()
    assert step.text == "Rest your right ankle on your left thigh, close to the knee."
    alt = Stretch.objects.get(slug="double-knee-to-chest").picture_alt
    assert alt.startswith("A person lying face up with both arms around both knees")


def test_it_keeps_an_editors_own_words():
    step = StretchStep.objects.filter(stretch__slug="figure-four-stretch").order_by("order")[1]
    step.text = "Put your right ankle across, just above your left knee."
    step.save()
    reword.forwards(apps, None)
    step.refresh_from_db()
    assert step.text == "Put your right ankle across, just above your left knee."
