"""The step screen as a coach on the mat: picture, ring, next up, cues, voice and wake lock.

Chromium on a 390 x 844 phone and a desktop. Sound, speech and the wake lock
are stubbed in the page (headless Chromium has no audio) and every call is
recorded with its time, so the cue schedule can be checked against a
shortened timer.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from config.models import Profile
from routines.progression import PlanStep
from tests.tracking.session_builders import at_step, start_session
from tracking.models import Session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# Records every cue, spoken line and wake-lock call. Notes are told apart by
# their first frequency (see CUES in static/js/session.js).
STUBS = """
(() => {
  // Kept in sessionStorage: the last hold's cues survive the move to the next page.
  const kept = (key) => {
    const list = JSON.parse(sessionStorage.getItem(key) || "[]");
    const push = list.push.bind(list);
    list.push = (item) => { push(item); sessionStorage.setItem(key, JSON.stringify(list)); };
    return list;
  };
  const now = () => Date.now();
  window.__cues = kept("__cues"); window.__said = kept("__said"); window.__contexts = 0;
  window.__wake = {requests: 0, releases: 0, held: 0, last: null};
  class Param { setValueAtTime() {} exponentialRampToValueAtTime() {} }
  class Osc {
    constructor() { this.frequency = {value: 0}; }
    connect() {}
    start() { window.__cues.push({f: this.frequency.value, t: now()}); }
    stop() {}
  }
  window.AudioContext = window.webkitAudioContext = class {
    constructor() {
      window.__contexts += 1;
      Object.assign(this, {state: "running", currentTime: 0, destination: {}});
    }
    resume() { return Promise.resolve(); }
    createOscillator() { return new Osc(); }
    createGain() { return {gain: new Param(), connect() {}}; }
  };
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
  Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
    speak(u) { window.__said.push({text: u.text, t: now()}); }, cancel() {},
  }});
  const wake = window.__wake;
  Object.defineProperty(Navigator.prototype, "wakeLock", {configurable: true, get() { return {
    async request(type) {
      wake.requests += 1; wake.held += 1;
      const listeners = [];
      const sentinel = {type, released: false,
        addEventListener(name, f) { listeners.push(f); },
        async release() {
          if (sentinel.released) return;
          sentinel.released = true; wake.releases += 1; wake.held -= 1;
          listeners.forEach((f) => f());
        }};
      wake.last = sentinel;
      return sentinel;
    },
  }; }});
})();
"""
FIRST_NOTE = {440: "start", 1047: "tick", 784: "end-hold", 698: "end-rest"}

# One both-sides exercise with two reps: hold 8, relax 4.
TWO_REPS = (PlanStep("pelvic-tilt", "Pelvic tilt", "both", 8, 2, 4),)


@pytest.fixture
def on_screen(page: Page, live_server, alice, screened, browser_login, settings):
    """open_session(steps=, scale=, viewport=, speech=, at=, wake=, **fields) -> the session."""

    def open_session(
        *,
        steps=None,
        scale=1.0,
        viewport=PHONE,
        speech=None,
        sound=None,
        at=None,
        wake=True,
        **fields,
    ):
        settings.LIMBER_TIMER_SCALE = scale
        page.set_viewport_size(viewport)
        page.add_init_script(STUBS)
        if not wake:  # a browser without the Screen Wake Lock API
            page.add_init_script("delete Navigator.prototype.wakeLock")
        # The person's cue choices live on their account.
        Profile.objects.filter(user=alice).update(speech=speech or "", sounds=sound or "on")
        browser_login(page, "alice")
        session = start_session(alice, **({"steps": steps} if steps else {}), **fields)
        if at is not None:
            at_step(session, at)
        page.goto(f"{live_server.url}/sessions/{session.pk}/")
        return session

    return open_session


def start(page: Page, pain: int = 3) -> None:
    page.get_by_role("group", name="How much pain do you have right now?").get_by_label(
        re.compile(rf"^{pain}\b")
    ).check()
    page.get_by_role("button", name="Save and start").click()


def stage(page: Page):
    return page.locator("[data-session-stage]")


def wait_for_phase(page: Page, phase: str, timeout: float = 10_000) -> None:
    expect(stage(page)).to_have_attribute("data-phase", phase, timeout=timeout)


def until(page: Page, condition: str, timeout: float = 10.0) -> None:
    """Wait until a JavaScript expression is true (wait_for_function would eval under the CSP)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(condition):
        assert time.monotonic() < deadline, f"never true: {condition}"
        page.wait_for_timeout(50)


def box(page: Page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_picture_and_ring_stay_on_the_first_screen_in_every_hold(
    page: Page, on_screen, axe_check, viewport
):
    session = on_screen(scale=0.05, viewport=viewport)
    count = len(Session.objects.get(pk=session.pk).steps)
    start(page)
    for number in range(1, count + 1):
        expect(page.locator(".session-progress")).to_contain_text(f"{number} of {count}")
        wait_for_phase(page, "hold")
        # Measured as the person sees it: no click has scrolled the page.
        figure, ring = box(page, ".session-figure"), box(page, ".timer-ring")
        assert figure["y"] >= 0 and figure["y"] + figure["height"] <= viewport["height"], figure
        assert ring["y"] + ring["height"] <= viewport["height"], ring
        if viewport is PHONE:  # large: at least half the screen's width
            assert figure["width"] >= viewport["width"] / 2, figure
        for name in ("Done", "Stop"):
            button = page.get_by_role("button", name=name, exact=True).bounding_box()
            assert button["y"] + button["height"] <= viewport["height"], (name, button)
        digits = page.locator("[data-timer-count]")
        assert float(digits.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 64
        expect(digits).to_have_text(re.compile(r"^\d+:\d\d$"))  # minutes:seconds
        if viewport is DESKTOP:
            assert ring["x"] >= figure["x"] + figure["width"], "picture and ring side by side"
        page.keyboard.press("Space")  # pause the timer without scrolling
        expect(page.get_by_role("button", name="Resume timer")).to_be_visible()
        axe_check(page, context=f"hold {number} on {viewport}")
        page.get_by_role("button", name="Done", exact=True).click()
    expect(page.locator("[data-session-timer]")).to_have_count(0)  # on to "pain now"


def test_a_full_page_load_mid_session_keeps_picture_and_stop_on_the_first_screen(
    page: Page, on_screen
):
    on_screen(scale=0.2, at=1)  # a reload or a link: the header is on screen too
    wait_for_phase(page, "hold")
    assert page.evaluate("window.scrollY") == 0
    for selector in (".session-figure", ".timer-ring", ".session-actions"):
        found = box(page, selector)
        assert found["y"] + found["height"] <= PHONE["height"], (selector, found)


def test_the_buttons_stay_put_and_the_timer_fits_the_phone_as_the_phase_changes(
    page: Page, on_screen
):
    """ "Get ready" once took two lines and "Hold" one: Done and Stop jumped 25 px under a
    finger, and the timer's column ran 6 px past the screen's edge."""
    on_screen(scale=0.3)
    start(page)
    tops, overflow = {}, []
    for phase in ("ready", "hold"):
        wait_for_phase(page, phase)  # the swapped panel is in place
        tops[phase] = box(page, "[data-timer-done]")["y"]
        overflow += page.eval_on_selector_all(
            ".timer-side *",
            """els => els.map(e => e.getBoundingClientRect().right
                 - document.querySelector('#session-panel').getBoundingClientRect().right)""",
        )
    assert tops["ready"] == tops["hold"], tops
    assert max(overflow) <= 0.5, max(overflow)


def test_a_stretch_without_sides_starts_its_line_with_the_reps(page: Page, on_screen):
    on_screen(steps=TWO_REPS, scale=0.3)
    start(page)
    where = page.locator(".session-where")
    expect(where).to_have_text(re.compile(r"^2 times"))
    dots = where.locator("span").evaluate_all(
        "els => els.filter(e => e.offsetParent !== null)"
        ".map(e => getComputedStyle(e, '::before').content)"
    )
    assert dots == ["none"], dots  # the one shown span: no separator before it


def test_the_pain_tiles_line_up_and_hold_their_words_on_a_phone(page: Page, on_screen):
    """ "Worst imaginable" spilled out of the 10 tile, and 0 and 10 sat higher than the rest."""
    on_screen()
    tiles = page.locator(".session-pain-grid label")
    expect(tiles).to_have_count(11)
    offsets = tiles.evaluate_all(
        "els => els.map(e => Math.round(e.querySelector('input').getBoundingClientRect().top"
        " - e.getBoundingClientRect().top))"
    )
    assert len(set(offsets)) == 1, offsets
    assert tiles.evaluate_all("els => els.every(e => e.scrollWidth <= e.clientWidth)")
    expect(page.get_by_role("radio", name="10 Worst imaginable")).to_have_count(1)


def test_the_poses_follow_the_timer_and_the_left_side_is_mirrored(page: Page, on_screen):
    page.emulate_media(reduced_motion="reduce")  # no cross-fade: opacity is final at once
    on_screen(scale=0.1)
    start(page)
    start_pose, hold_pose = page.locator(".pose-start"), page.locator(".pose-hold")
    wait_for_phase(page, "ready")
    assert start_pose.evaluate("e => getComputedStyle(e).opacity") == "1"
    assert hold_pose.evaluate("e => getComputedStyle(e).opacity") == "0"
    wait_for_phase(page, "hold")
    assert start_pose.evaluate("e => getComputedStyle(e).opacity") == "0"
    assert hold_pose.evaluate("e => getComputedStyle(e).opacity") == "1"
    expect(hold_pose).to_have_attribute("src", re.compile(r"/single-knee-to-chest\.[\w.]*svg$"))
    expect(start_pose).to_have_attribute("src", re.compile(r"\.svg#start$"))
    # The first side is the left leg: the right-side drawing is mirrored.
    assert hold_pose.evaluate("e => getComputedStyle(e).transform") == "matrix(-1, 0, 0, 1, 0, 0)"


def test_reduced_motion_shows_no_animation(page: Page, on_screen, browser, live_server):
    on_screen(scale=0.1)
    start(page)
    wait_for_phase(page, "hold")
    hold_pose = page.locator(".pose-hold")
    assert hold_pose.evaluate("e => getComputedStyle(e).transitionDuration") == "0.8s"
    page.emulate_media(reduced_motion="reduce")
    assert hold_pose.evaluate("e => getComputedStyle(e).transitionDuration") == "0s"
    assert hold_pose.evaluate("e => getComputedStyle(e).animationName") == "none"

    # Without the script the two poses take turns, unless motion is unwelcome.
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    still = context.new_page()
    still.context.add_cookies(page.context.cookies())
    still.goto(page.url)
    pose = still.locator(".pose-hold")
    expect(pose).to_be_visible()
    assert pose.evaluate("e => getComputedStyle(e).animationName") == "pose-hold"
    still.emulate_media(reduced_motion="reduce")
    assert pose.evaluate("e => getComputedStyle(e).animationName") == "none"
    assert pose.evaluate("e => getComputedStyle(e).opacity") == "1"
    context.close()


def test_next_up_shows_the_next_side_at_the_end_of_the_last_hold(page: Page, on_screen):
    on_screen(scale=0.1, speech="on")
    start(page)
    next_up = page.locator("[data-next-up]")
    wait_for_phase(page, "ready")
    expect(next_up).to_be_hidden()
    wait_for_phase(page, "hold")
    expect(next_up).to_be_hidden()  # the first of two reps: nothing new yet
    expect(next_up).to_be_visible(timeout=10_000)
    expect(next_up).to_contain_text("Single knee-to-chest, right leg")
    expect(page.locator(".session-progress")).to_contain_text("2 of", timeout=10_000)
    said = [line["text"] for line in page.evaluate("window.__said")]
    assert "Let go slowly. Switch legs." in said, said


def test_the_cue_schedule_fires_at_the_right_times(page: Page, on_screen):
    on_screen(steps=TWO_REPS, scale=0.25, speech="on")  # one shown second = 250 ms
    start(page)
    wait_for_phase(page, "hold")
    expect(page.locator("[data-timer-done]")).to_have_count(0, timeout=15_000)  # moved on
    cues = [
        (FIRST_NOTE[c["f"]], c["t"]) for c in page.evaluate("window.__cues") if c["f"] in FIRST_NOTE
    ]
    names = [name for name, _ in cues]
    assert names == [
        "start",
        "tick",
        "tick",
        "tick",
        "end-hold",  # rep 1: hold 8 s
        "end-rest",
        "start",
        "tick",
        "tick",
        "tick",
        "end-hold",  # relax 4 s, rep 2
    ], names
    t0 = cues[0][1]
    expected_ms = [0, 1250, 1500, 1750, 2000, 3000, 3000, 4250, 4500, 4750, 5000]
    for (name, t), want in zip(cues, expected_ms, strict=True):
        assert abs((t - t0) - want) <= 150, (name, round(t - t0), want)
    said = [line["text"] for line in page.evaluate("window.__said")]
    assert said[:7] == [
        "Pelvic tilt. Get ready",
        "Hold. Rep 1 of 2",
        "3",
        "2",
        "1",
        "Let go slowly. Relax",
        "Hold. Rep 2 of 2",
    ], said
    assert said[-1].startswith("Let go slowly")


def test_halfway_is_said_in_a_long_hold(page: Page, on_screen):
    on_screen(scale=0.05, speech="on")
    start(page)
    expect(page.locator(".session-progress")).to_contain_text("2 of", timeout=15_000)
    said = [line["text"] for line in page.evaluate("window.__said")]
    assert said[:3] == ["Single knee-to-chest. Left leg. Get ready", "Hold. Rep 1 of 2", "Halfway"]


def test_no_sound_before_the_first_tap_and_none_when_muted(page: Page, on_screen):
    on_screen(steps=TWO_REPS, scale=0.25, speech="on", at=1)  # a full page load, no tap yet
    wait_for_phase(page, "hold")
    page.wait_for_timeout(2200)  # past the ticks and the end of the first hold
    assert page.evaluate("[window.__contexts, window.__cues.length, window.__said.length]") == [
        0,
        0,
        0,
    ]
    page.locator("h1").click()  # the first tap: from now on the cues sound
    until(page, "window.__cues.length > 0")
    assert page.evaluate("window.__contexts") == 1

    page.get_by_role("button", name="Sounds").click()  # muted: nothing at all
    heard = page.evaluate("[window.__cues.length, window.__said.length]")
    page.wait_for_timeout(1500)
    assert page.evaluate("[window.__cues.length, window.__said.length]") == heard


def test_spoken_cues_are_offered_once_and_remembered(page: Page, on_screen):
    on_screen(scale=0.05)
    start(page)
    offer = page.get_by_text("Would you like spoken cues?")
    expect(offer).to_be_visible()
    speech = page.get_by_role("button", name="Spoken cues")
    expect(speech).to_have_attribute("aria-pressed", "false")
    speech.click()
    expect(speech).to_have_attribute("aria-pressed", "true")
    expect(offer).to_be_hidden()
    saved_on(lambda: Profile.objects.get(user__username="alice").speech == "on")
    expect(page.locator(".session-progress")).to_contain_text("2 of", timeout=15_000)
    expect(page.get_by_role("button", name="Spoken cues")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_text("Would you like spoken cues?")).to_be_hidden()


def saved_on(check, tries: int = 50) -> None:
    """Wait for a choice posted in the background to reach the database."""
    for _ in range(tries):
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("the choice was not saved")


def test_the_cue_choices_follow_the_person_to_another_device(
    page: Page, on_screen, browser, live_server, browser_login
):
    session = on_screen(scale=0.05)
    start(page)
    page.get_by_role("button", name="Spoken cues").click()
    page.get_by_role("button", name="Sounds").click()
    saved_on(lambda: Profile.objects.get(user__username="alice").sounds == "off")

    other = browser.new_context()  # another phone: nothing in its storage
    try:
        phone = other.new_page()
        browser_login(phone, "alice")
        phone.goto(f"{live_server.url}/sessions/{session.pk}/")
        phone.wait_for_selector("[data-timer-tools]:not([hidden])")
        expect(phone.get_by_role("button", name="Spoken cues")).to_have_attribute(
            "aria-pressed", "true"
        )
        expect(phone.get_by_role("button", name="Sounds")).to_have_attribute(
            "aria-pressed", "false"
        )
        expect(phone.get_by_text("Would you like spoken cues?")).to_be_hidden()
    finally:
        other.close()


def test_the_wake_lock_is_held_while_the_timer_runs(page: Page, on_screen):
    on_screen(scale=0.5)
    start(page)
    wait_for_phase(page, "ready")
    until(page, "window.__wake.held === 1")
    page.get_by_role("button", name="Pause timer").click()
    until(page, "window.__wake.held === 0")
    assert page.evaluate("window.__wake.releases") == 1
    page.get_by_role("button", name="Resume timer").click()
    until(page, "window.__wake.held === 1 && window.__wake.requests === 2")

    # Hidden, the browser drops the lock; visible again, it is asked for again.
    page.evaluate("window.__wake.last.release()")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    until(page, "window.__wake.held === 1 && window.__wake.requests === 3")

    # "Pause / I was interrupted" leaves the timer: the lock goes with it.
    page.get_by_role("button", name="Pause / I was interrupted").click()
    expect(page.locator("[data-session-timer]")).to_have_count(0)
    until(page, "window.__wake.held === 0")


def test_no_error_without_a_wake_lock(page: Page, on_screen):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    on_screen(scale=0.05, wake=False)
    assert page.evaluate("'wakeLock' in navigator") is False
    start(page)
    wait_for_phase(page, "hold")
    assert errors == []


def test_the_walk_timer_counts_down_pauses_and_keeps_the_screen_awake(
    page: Page, on_screen, axe_check
):
    # A finished session with a 10-minute walk; one shown second = 10 ms.
    on_screen(scale=0.01, status="completed", position=5, walk_seconds=600)
    expect(page.get_by_role("heading", name="Your session summary")).to_be_visible()
    expect(page.locator("[data-walk-fallback]")).to_be_hidden()
    count = page.locator("[data-walk-count]")
    expect(count).to_have_text("10:00")
    axe_check(page, context="walk timer before it starts")
    assert page.evaluate("window.__wake.requests") == 0  # nothing runs until the person starts

    page.get_by_role("button", name="Start the walk timer").click()
    expect(count).not_to_have_text("10:00")
    expect(count).to_have_text(re.compile(r"^\d:\d\d$"))  # minutes:seconds, never raw seconds
    until(page, "window.__wake.held === 1")

    page.get_by_role("button", name="Pause the walk timer").click()
    until(page, "window.__wake.held === 0")
    shown = count.text_content()
    page.wait_for_timeout(300)
    expect(count).to_have_text(shown)  # paused: the count stands still
    expect(page.get_by_role("status").filter(has_text="Paused")).to_be_visible()
    axe_check(page, context="walk timer paused")

    page.get_by_role("button", name="Resume the walk timer").click()
    until(page, "window.__wake.held === 1 && window.__wake.requests === 2")
    expect(count).to_have_text("0:00", timeout=10_000)
    expect(page.get_by_text("Well done: that is your walk.")).to_be_visible()
    until(page, "window.__wake.held === 0")  # released at the end
    notes = [c["f"] for c in page.evaluate("window.__cues")]
    assert notes == [523, 659, 784], notes  # one soft rising cue at the end, nothing before
    expect(page.get_by_role("button", name="Start the walk timer again")).to_be_visible()


def test_without_javascript_the_walk_is_plain_text(browser, page: Page, on_screen):
    on_screen(status="completed", position=5, walk_seconds=600)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    still = context.new_page()
    still.context.add_cookies(page.context.cookies())
    still.goto(page.url)
    expect(
        still.get_by_text("Walk at an easy pace, where you can still talk, for 10 minutes.")
    ).to_be_visible()
    expect(still.locator("[data-walk-timer]")).to_be_hidden()
    context.close()
