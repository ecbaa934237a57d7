"""Golden tables for the plan builder: (stage, cautions, history, sessions) -> the exact plan.

In the style of cronsim's tests: every expected value is a literal written out
here, never read back from the stage table or the library under test. Each
row gives every step (exercise, side, hold, reps, rest), then the guided
seconds and the walk's seconds, the sessions chosen, the stage's range, the
per-week flag and the flare flag, then every note of the plan's own (what a
caution changes is said by screening, with the person's own reason).

Histories: "fresh" has no session yet; "ready" has 4 sessions on the days
before, each leaving pain at 2 after 3 before (a streak of 4, and the
double knee-to-chest open); "flare" has a morning score of 8 today. Every
person has been at the stage 5 days. "edited" is a stage table whose stage 2
row an editor changed to holds of 25-40 s and 2-3 sessions a day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from routines.library_data import exercises
from routines.planning import dose_for, double_knee_cap, double_knee_ready, plan_for_today
from routines.progression import Action, Decision, History, SessionRecord
from routines.stages import DEFAULT_RULES, Thresholds

TODAY = date(2026, 3, 4)
HISTORIES = {
    "fresh": History(),
    "ready": History(
        tuple(
            SessionRecord(TODAY - timedelta(days=1 + i // 2), 3, 2, True, False, False)
            for i in range(4)
        )
    ),
    "flare": History((), ((TODAY, 8),)),
}
TABLES = {
    "shipped": DEFAULT_RULES,
    "edited": tuple(
        replace(rule, hold_min=25, hold_max=40, sessions_min=2, sessions_max=3)
        if rule.number == 2
        else rule
        for rule in DEFAULT_RULES
    ),
}

GOLDEN = [
    (
        (1, (), "fresh", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 15, 2, 10),
            ("single-knee-to-chest", "right", 15, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 600, 1, 0),
        ],
        (280, 600, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 20 seconds at this "
            "stage.",
        ),
    ),
    (
        (1, (), "ready", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 20, 3, 10),
            ("single-knee-to-chest", "right", 20, 3, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 600, 1, 0),
        ],
        (360, 600, 1, 1, 2, False, False),
        (),
    ),
    (
        (2, (), "fresh", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 30, 2, 10),
            ("single-knee-to-chest", "right", 30, 2, 10),
            ("figure-four-stretch", "left", 30, 2, 10),
            ("figure-four-stretch", "right", 30, 2, 10),
            ("childs-pose", "both", 30, 2, 10),
            ("dead-bug", "left", 5, 6, 5),
            ("dead-bug", "right", 5, 6, 5),
            ("short-walk", "both", 900, 1, 0),
        ],
        (520, 900, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 45 seconds at this "
            "stage.",
            "Both knees in together join your plan once your last 4 sessions in a row left your "
            "pain no higher than before and at 3 or lower.",
        ),
    ),
    (
        (2, (), "ready", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 40, 2, 10),
            ("single-knee-to-chest", "right", 40, 2, 10),
            ("figure-four-stretch", "left", 30, 2, 10),
            ("figure-four-stretch", "right", 30, 2, 10),
            ("double-knee-to-chest", "both", 30, 2, 10),
            ("childs-pose", "both", 30, 2, 10),
            ("dead-bug", "left", 5, 6, 5),
            ("dead-bug", "right", 5, 6, 5),
            ("short-walk", "both", 900, 1, 0),
        ],
        (640, 900, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 45 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, (), "fresh", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 45, 2, 10),
            ("single-knee-to-chest", "right", 45, 2, 10),
            ("figure-four-stretch", "left", 30, 2, 10),
            ("figure-four-stretch", "right", 30, 2, 10),
            ("childs-pose", "both", 30, 2, 10),
            ("bird-dog", "left", 8, 6, 5),
            ("bird-dog", "right", 8, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (616, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
            "Both knees in together join your plan once your last 4 sessions in a row left your "
            "pain no higher than before and at 3 or lower.",
        ),
    ),
    (
        (3, (), "ready", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 55, 2, 10),
            ("single-knee-to-chest", "right", 55, 2, 10),
            ("figure-four-stretch", "left", 30, 2, 10),
            ("figure-four-stretch", "right", 30, 2, 10),
            ("double-knee-to-chest", "both", 30, 2, 10),
            ("rocking-double-knee-to-chest", "both", 30, 2, 10),
            ("childs-pose", "both", 30, 2, 10),
            ("bird-dog", "left", 8, 6, 5),
            ("bird-dog", "right", 8, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (816, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (4, (), "fresh", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 45, 2, 10),
            ("single-knee-to-chest", "right", 45, 2, 10),
            ("figure-four-stretch", "left", 30, 2, 10),
            ("figure-four-stretch", "right", 30, 2, 10),
            ("childs-pose", "both", 30, 2, 10),
            ("bird-dog", "left", 8, 6, 5),
            ("bird-dog", "right", 8, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (616, 1200, 3, 3, 4, True, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
            "Both knees in together join your plan once your last 4 sessions in a row left your "
            "pain no higher than before and at 3 or lower.",
        ),
    ),
    (
        (4, (), "ready", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 55, 2, 10),
            ("single-knee-to-chest", "right", 55, 2, 10),
            ("figure-four-stretch", "left", 30, 2, 10),
            ("figure-four-stretch", "right", 30, 2, 10),
            ("double-knee-to-chest", "both", 30, 2, 10),
            ("rocking-double-knee-to-chest", "both", 30, 2, 10),
            ("childs-pose", "both", 30, 2, 10),
            ("bird-dog", "left", 8, 6, 5),
            ("bird-dog", "right", 8, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (816, 1200, 3, 3, 4, True, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (1, (), "flare", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 15, 2, 10),
            ("single-knee-to-chest", "right", 15, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 300, 1, 0),
        ],
        (280, 300, 3, 3, 3, False, True),
        (
            "Today is a gentle day: do this short routine up to 3 times, spread out.",
            "If a flare lasts more than a few days, or it comes with any warning sign, see your GP "
            "or physio.",
        ),
    ),
    (
        (3, (), "flare", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 15, 2, 10),
            ("single-knee-to-chest", "right", 15, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 300, 1, 0),
        ],
        (280, 300, 3, 3, 3, False, True),
        (
            "Today is a gentle day: do this short routine up to 3 times, spread out.",
            "If a flare lasts more than a few days, or it comes with any warning sign, see your GP "
            "or physio.",
        ),
    ),
    (
        (1, ("flexion-sparing",), "fresh", None, "shipped"),
        [
            ("tailbone-down-knee-to-chest", "left", 15, 2, 10),
            ("tailbone-down-knee-to-chest", "right", 15, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 600, 1, 0),
        ],
        (280, 600, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 20 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("flexion-sparing",), "ready", None, "shipped"),
        [
            ("tailbone-down-knee-to-chest", "left", 55, 2, 10),
            ("tailbone-down-knee-to-chest", "right", 55, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("bird-dog", "left", 8, 6, 5),
            ("bird-dog", "right", 8, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (496, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (1, ("knee",), "fresh", None, "shipped"),
        [
            ("strap-assisted-knee-to-chest", "left", 15, 2, 10),
            ("strap-assisted-knee-to-chest", "right", 15, 2, 10),
            ("supine-spinal-twist", "left", 20, 2, 10),
            ("supine-spinal-twist", "right", 20, 2, 10),
            ("pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 600, 1, 0),
        ],
        (320, 600, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 20 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("knee",), "ready", None, "shipped"),
        [
            ("strap-assisted-knee-to-chest", "left", 55, 2, 10),
            ("strap-assisted-knee-to-chest", "right", 55, 2, 10),
            ("supine-spinal-twist", "left", 20, 2, 10),
            ("supine-spinal-twist", "right", 20, 2, 10),
            ("dead-bug", "left", 5, 6, 5),
            ("dead-bug", "right", 5, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (500, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (1, ("floor",), "fresh", None, "shipped"),
        [
            ("seated-knee-to-chest", "left", 15, 2, 10),
            ("seated-knee-to-chest", "right", 15, 2, 10),
            ("seated-cat-cow", "both", 30, 2, 10),
            ("wall-pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 600, 1, 0),
        ],
        (280, 600, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 20 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("floor",), "ready", None, "shipped"),
        [
            ("seated-knee-to-chest", "left", 55, 2, 10),
            ("seated-knee-to-chest", "right", 55, 2, 10),
            ("seated-cat-cow", "both", 30, 2, 10),
            ("wall-pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (440, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (1, ("pregnancy",), "fresh", None, "shipped"),
        [
            ("seated-knee-to-chest", "left", 15, 2, 10),
            ("seated-knee-to-chest", "right", 15, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("wall-pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 600, 1, 0),
        ],
        (280, 600, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 20 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("pregnancy",), "ready", None, "shipped"),
        [
            ("seated-knee-to-chest", "left", 55, 2, 10),
            ("seated-knee-to-chest", "right", 55, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("bird-dog", "left", 8, 6, 5),
            ("bird-dog", "right", 8, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (496, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (1, ("no-double-knee",), "fresh", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 15, 2, 10),
            ("single-knee-to-chest", "right", 15, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 600, 1, 0),
        ],
        (280, 600, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 20 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("no-double-knee",), "ready", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 55, 2, 10),
            ("single-knee-to-chest", "right", 55, 2, 10),
            ("figure-four-stretch", "left", 30, 2, 10),
            ("figure-four-stretch", "right", 30, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("bird-dog", "left", 8, 6, 5),
            ("bird-dog", "right", 8, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (656, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (1, ("pelvic-girdle",), "fresh", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 15, 2, 10),
            ("single-knee-to-chest", "right", 15, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 600, 1, 0),
        ],
        (280, 600, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 20 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("pelvic-girdle",), "ready", None, "shipped"),
        [
            ("single-knee-to-chest", "left", 55, 2, 10),
            ("single-knee-to-chest", "right", 55, 2, 10),
            ("figure-four-stretch", "left", 30, 2, 10),
            ("figure-four-stretch", "right", 30, 2, 10),
            ("double-knee-to-chest", "both", 30, 2, 10),
            ("rocking-double-knee-to-chest", "both", 30, 2, 10),
            ("childs-pose", "both", 30, 2, 10),
            ("bird-dog", "left", 8, 6, 5),
            ("bird-dog", "right", 8, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (816, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("flexion-sparing", "floor"), "ready", None, "shipped"),
        [
            ("standing-desk-knee-hug", "left", 30, 2, 10),
            ("standing-desk-knee-hug", "right", 30, 2, 10),
            ("seated-cat-cow", "both", 30, 2, 10),
            ("wall-pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (340, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("flexion-sparing", "pregnancy"), "ready", None, "shipped"),
        [
            ("cat-cow", "both", 30, 2, 10),
            ("bird-dog", "left", 8, 6, 5),
            ("bird-dog", "right", 8, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (236, 1200, 1, 1, 2, False, False),
        (
            "No knee-to-chest stretch suits all of your cautions together, so your plan keeps to "
            "the gentler moves below.",
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("floor", "pregnancy"), "ready", None, "shipped"),
        [
            ("seated-knee-to-chest", "left", 55, 2, 10),
            ("seated-knee-to-chest", "right", 55, 2, 10),
            ("seated-cat-cow", "both", 30, 2, 10),
            ("wall-pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (440, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("knee", "floor"), "ready", None, "shipped"),
        [
            ("seated-knee-to-chest", "left", 55, 2, 10),
            ("seated-knee-to-chest", "right", 55, 2, 10),
            ("seated-cat-cow", "both", 30, 2, 10),
            ("wall-pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (440, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("flexion-sparing", "no-double-knee"), "ready", None, "shipped"),
        [
            ("tailbone-down-knee-to-chest", "left", 55, 2, 10),
            ("tailbone-down-knee-to-chest", "right", 55, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("bird-dog", "left", 8, 6, 5),
            ("bird-dog", "right", 8, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (496, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("floor", "pelvic-girdle"), "ready", None, "shipped"),
        [
            ("seated-knee-to-chest", "left", 55, 2, 10),
            ("seated-knee-to-chest", "right", 55, 2, 10),
            ("seated-cat-cow", "both", 30, 2, 10),
            ("wall-pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (440, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("pregnancy", "pelvic-girdle"), "ready", None, "shipped"),
        [
            ("seated-knee-to-chest", "left", 55, 2, 10),
            ("seated-knee-to-chest", "right", 55, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("bird-dog", "left", 8, 6, 5),
            ("bird-dog", "right", 8, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (496, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (3, ("knee", "no-double-knee"), "ready", None, "shipped"),
        [
            ("strap-assisted-knee-to-chest", "left", 55, 2, 10),
            ("strap-assisted-knee-to-chest", "right", 55, 2, 10),
            ("supine-spinal-twist", "left", 20, 2, 10),
            ("supine-spinal-twist", "right", 20, 2, 10),
            ("dead-bug", "left", 5, 6, 5),
            ("dead-bug", "right", 5, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (500, 1200, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (1, (), "fresh", 2, "shipped"),
        [
            ("single-knee-to-chest", "left", 15, 2, 10),
            ("single-knee-to-chest", "right", 15, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 600, 1, 0),
        ],
        (280, 600, 2, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 20 seconds at this "
            "stage.",
        ),
    ),
    (
        (1, (), "fresh", 3, "shipped"),
        [
            ("single-knee-to-chest", "left", 15, 2, 10),
            ("single-knee-to-chest", "right", 15, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 600, 1, 0),
        ],
        (280, 600, 1, 1, 2, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 20 seconds at this "
            "stage.",
        ),
    ),
    (
        (4, (), "ready", 4, "shipped"),
        [
            ("single-knee-to-chest", "left", 55, 2, 10),
            ("single-knee-to-chest", "right", 55, 2, 10),
            ("figure-four-stretch", "left", 30, 2, 10),
            ("figure-four-stretch", "right", 30, 2, 10),
            ("double-knee-to-chest", "both", 30, 2, 10),
            ("rocking-double-knee-to-chest", "both", 30, 2, 10),
            ("childs-pose", "both", 30, 2, 10),
            ("bird-dog", "left", 8, 6, 5),
            ("bird-dog", "right", 8, 6, 5),
            ("short-walk", "both", 1200, 1, 0),
        ],
        (816, 1200, 4, 3, 4, True, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this "
            "stage.",
        ),
    ),
    (
        (1, (), "flare", 2, "shipped"),
        [
            ("single-knee-to-chest", "left", 15, 2, 10),
            ("single-knee-to-chest", "right", 15, 2, 10),
            ("cat-cow", "both", 30, 2, 10),
            ("pelvic-tilt", "both", 5, 10, 5),
            ("short-walk", "both", 300, 1, 0),
        ],
        (280, 300, 3, 3, 3, False, True),
        (
            "Today is a gentle day: do this short routine up to 3 times, spread out.",
            "If a flare lasts more than a few days, or it comes with any warning sign, see your GP "
            "or physio.",
        ),
    ),
    (
        (2, (), "ready", 3, "edited"),
        [
            ("single-knee-to-chest", "left", 35, 2, 10),
            ("single-knee-to-chest", "right", 35, 2, 10),
            ("figure-four-stretch", "left", 30, 2, 10),
            ("figure-four-stretch", "right", 30, 2, 10),
            ("double-knee-to-chest", "both", 30, 2, 10),
            ("childs-pose", "both", 30, 2, 10),
            ("dead-bug", "left", 5, 6, 5),
            ("dead-bug", "right", 5, 6, 5),
            ("short-walk", "both", 900, 1, 0),
        ],
        (620, 900, 3, 2, 3, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 40 seconds at this "
            "stage.",
        ),
    ),
    (
        (2, (), "fresh", None, "edited"),
        [
            ("single-knee-to-chest", "left", 25, 2, 10),
            ("single-knee-to-chest", "right", 25, 2, 10),
            ("figure-four-stretch", "left", 25, 2, 10),
            ("figure-four-stretch", "right", 25, 2, 10),
            ("childs-pose", "both", 30, 2, 10),
            ("dead-bug", "left", 5, 6, 5),
            ("dead-bug", "right", 5, 6, 5),
            ("short-walk", "both", 900, 1, 0),
        ],
        (480, 900, 2, 2, 3, False, False),
        (
            "Holds grow by 5 seconds after every 2 sessions that go well, up to 40 seconds at this "
            "stage.",
            "Both knees in together join your plan once your last 4 sessions in a row left your "
            "pain no higher than before and at 3 or lower.",
        ),
    ),
]


@pytest.mark.parametrize(("key", "steps", "figures", "notes"), GOLDEN, ids=lambda v: repr(v))
def test_the_exact_plan(key, steps, figures, notes):
    stage, cautions, history, chosen, table = key
    plan = plan_for_today(
        stage=stage,
        since=TODAY - timedelta(days=5),
        cautions=frozenset(cautions),
        history=HISTORIES[history],
        today=TODAY,
        library=exercises(),
        rules=TABLES[table],
        chosen=chosen,
    ).plan
    got_steps = [(s.slug, s.side, s.hold_seconds, s.reps, s.rest_seconds) for s in plan.steps]
    assert got_steps == steps
    assert (
        plan.guided_seconds,
        plan.walk_seconds,
        plan.sessions,
        plan.sessions_min,
        plan.sessions_max,
        plan.per_week,
        plan.flare,
    ) == figures
    assert plan.notes == notes


def test_a_stage_1_session_takes_under_5_minutes_of_holds_and_rests():
    """Holds and rests of a first-day plan: 280 s (the guided screens add a little)."""
    plan = plan_for_today(
        stage=1,
        since=TODAY,
        cautions=frozenset(),
        history=History(),
        today=TODAY,
        library=exercises(),
    ).plan
    assert plan.guided_seconds == 280


# The engine's own numbers changed, and a stage-2 row an editor changed (7 days,
# holds 20-40 s, both knees in for 25 s at most): every number reaches the plan.
THRESHOLDS = Thresholds(
    hold_step=10,
    sessions_per_step=1,
    rest_seconds=12,
    core_rest_seconds=7,
    double_knee_sessions=2,
    double_knee_pain_max=4,
    double_knee_ceiling=20,
    flare_walk_minutes=3,
    flare_pain=6,
)
EDITED_2 = tuple(
    replace(rule, min_days=7, double_knee_max_hold=25, hold_min=20, hold_max=40)
    if rule.number == 2
    else rule
    for rule in DEFAULT_RULES
)
TWO_AT_4 = History(
    tuple(SessionRecord(TODAY - timedelta(days=1), 4, 4, True, False, False) for _ in range(2))
)
EIGHT_IN_7_DAYS = History(
    tuple(
        SessionRecord(TODAY - timedelta(days=1 + i // 2), 3, 3, True, False, False)
        for i in range(8)
    )
)
OWN_NUMBERS = [
    (
        (2, TWO_AT_4),
        ("stay", 2),
        [
            ("single-knee-to-chest", "left", 40, 3, 12),
            ("single-knee-to-chest", "right", 40, 3, 12),
            ("figure-four-stretch", "left", 30, 3, 12),
            ("figure-four-stretch", "right", 30, 3, 12),
            ("double-knee-to-chest", "both", 20, 3, 12),
            ("childs-pose", "both", 30, 2, 12),
            ("dead-bug", "left", 5, 6, 7),
            ("dead-bug", "right", 5, 6, 7),
            ("short-walk", "both", 900, 1, 0),
        ],
        (),
    ),
    (
        (1, History((), ((TODAY, 6),))),  # a flare at 6 by the engine's own number
        ("flare", 1),
        [
            ("single-knee-to-chest", "left", 15, 2, 12),
            ("single-knee-to-chest", "right", 15, 2, 12),
            ("cat-cow", "both", 30, 2, 12),
            ("pelvic-tilt", "both", 5, 10, 7),
            ("short-walk", "both", 180, 1, 0),
        ],
        (
            "Today is a gentle day: do this short routine up to 3 times, spread out.",
            "If a flare lasts more than a few days, or it comes with any warning sign, see your "
            "GP or physio.",
        ),
    ),
    (
        (1, EIGHT_IN_7_DAYS),
        ("advance", 2),
        [
            ("single-knee-to-chest", "left", 20, 2, 12),
            ("single-knee-to-chest", "right", 20, 2, 12),
            ("figure-four-stretch", "left", 20, 2, 12),
            ("figure-four-stretch", "right", 20, 2, 12),
            ("double-knee-to-chest", "both", 20, 2, 12),
            ("childs-pose", "both", 30, 2, 12),
            ("dead-bug", "left", 5, 6, 7),
            ("dead-bug", "right", 5, 6, 7),
            ("short-walk", "both", 900, 1, 0),
        ],
        (
            "Holds grow by 10 seconds after each session that goes well, up to 40 seconds at "
            "this stage.",
        ),
    ),
]


@pytest.mark.parametrize(("given", "decided", "steps", "notes"), OWN_NUMBERS)
def test_the_plan_follows_the_engines_numbers_and_an_edited_row(given, decided, steps, notes):
    stage, history = given
    outcome = plan_for_today(
        stage=stage,
        since=TODAY - timedelta(days=7),
        cautions=frozenset(),
        history=history,
        today=TODAY,
        library=exercises(),
        rules=EDITED_2,
        thresholds=THRESHOLDS,
    )
    assert (outcome.decision.action.value, outcome.decision.to_stage) == decided
    got = [(s.slug, s.side, s.hold_seconds, s.reps, s.rest_seconds) for s in outcome.plan.steps]
    assert got == steps
    assert outcome.plan.notes == notes


def test_each_step_carries_its_stretchs_name():
    plan = plan_for_today(
        stage=3,
        since=TODAY - timedelta(days=5),
        cautions=frozenset(),
        history=HISTORIES["ready"],
        today=TODAY,
        library=exercises(),
    ).plan
    assert [s.name for s in plan.steps if s.side != "right"] == [
        "Single knee-to-chest",
        "Figure-four stretch (piriformis)",
        "Double knee-to-chest",
        "Rocking double knee-to-chest",
        "Child's pose",
        "Bird-dog",
        "Short walk",
    ]


@pytest.mark.parametrize(("today_too", "ready"), [(False, True), (True, False)])
def test_sessions_done_today_do_not_open_both_knees(today_too, ready):
    days = [TODAY - timedelta(days=1)] * 3 + [TODAY if today_too else TODAY - timedelta(days=2)]
    history = History(tuple(SessionRecord(d, 3, 2, True, False, False) for d in days))
    assert double_knee_ready(history, TODAY) is ready


@pytest.mark.parametrize(
    ("row", "hold"),
    [
        ({"hold_min": 15, "hold_max": 20}, 15),  # below both ceilings: the stage's own hold
        ({"double_knee_max_hold": 15}, 15),  # the row's ceiling, under the engine's 30
        ({}, 30),
    ],
)
def test_both_knees_in_take_the_lowest_of_the_hold_and_both_ceilings(row, hold):
    rule = replace(TABLES["shipped"][1], **row)
    assert double_knee_cap(rule.hold_min if row.get("hold_min") else 45, rule, Thresholds()) == hold


@pytest.mark.parametrize(("after_pain_max", "hold"), [(5, 20), (3, 15)])
def test_holds_grow_only_with_sessions_that_went_well_by_the_engines_numbers(after_pain_max, hold):
    two_at_4 = History(
        tuple(SessionRecord(TODAY - timedelta(days=1), 4, 4, True, False, False) for _ in range(2))
    )
    since = TODAY - timedelta(days=5)
    decision = Decision(TODAY, 1, 1, Action.STAY, (), since)
    t = Thresholds(after_pain_max=after_pain_max)
    assert dose_for(TABLES["shipped"][0], decision, two_at_4, t).hold == hold
