"""The stretch pictures: each library entry has one small, self-contained SVG with two poses.

A picture file holds the start pose (``<g id="start">``, shown alone with the
``#start`` fragment) and the hold pose (``<g id="hold">``, shown with the start
pose faint behind it when the file is shown whole), plus an arrow for the
direction of movement. The session page stacks the two views and mirrors them
for the left side.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from routines.library_data import LIBRARY

STATIC = Path(__file__).resolve().parents[2] / "static"
SVG = "{http://www.w3.org/2000/svg}"
MAX_BYTES = 3000  # two poses; a session page shows at most two pictures


def parse(entry) -> ET.Element:
    return ET.fromstring((STATIC / entry.picture).read_bytes())  # noqa: S314 (our own files)


def test_every_picture_file_belongs_to_a_library_entry():
    shipped = {path.name for path in (STATIC / "routines" / "svg").glob("*.svg")}
    assert shipped == {Path(entry.picture).name for entry in LIBRARY}


@pytest.mark.parametrize("entry", LIBRARY, ids=lambda e: e.slug)
def test_each_picture_is_small_valid_svg_with_a_title(entry):
    assert (STATIC / entry.picture).stat().st_size < MAX_BYTES
    root = parse(entry)
    assert root.tag == f"{SVG}svg"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text.startswith(f"{entry.name}: ")


@pytest.mark.parametrize("entry", LIBRARY, ids=lambda e: e.slug)
def test_each_picture_has_a_start_and_a_hold_pose_with_an_arrow(entry):
    root = parse(entry)
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    assert set(groups) == {"start", "hold"}
    for pose in groups.values():
        # A body: a head (a circle) and a torso and limbs (thick strokes).
        assert len(pose.findall(f"{SVG}circle")) == 1
        assert {p.get("class").split()[0] for p in pose.findall(f"{SVG}path")} >= {"t", "l"}
    arrows = [p for p in root.iter(f"{SVG}path") if p.get("class") == "a"]
    assert len(arrows) == 1 and arrows[0].get("d").count("M") >= 2  # a line and its head
    # The "#start" view hides the hold pose, which comes after it.
    style = root.find(f"{SVG}style").text
    assert "#start:target~#hold{display:none}" in style


@pytest.mark.parametrize("entry", LIBRARY, ids=lambda e: e.slug)
def test_each_picture_is_self_contained(entry):
    text = (STATIC / entry.picture).read_text()
    # No scripts, links, fonts or images from anywhere: the page's CSP stays strict.
    assert not re.search(r"<script|<image|<use|<foreignObject|href=|url\(|@import", text)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg\")", text)
