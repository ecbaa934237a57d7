/* The guided session: hold timer, ring, cues, voice and wake lock. Loaded by
   the session page only, after app.js (hooks listed in
   templates/tracking/session_step.html). */
"use strict";

{
  const SOUND_KEY = "sounds"; // "off" once the person mutes the cues
  const SPEECH_KEY = "speech"; // "on"/"off" once they answer the offer
  const NEXT_UP_UNITS = 5; // "next up" shows in the last 5 s of the last hold
  let active = null; // at most one running step timer on the page
  let audio = null;
  let gestured = false;

  // The person's choices come with the page ([data-cues-url] carries them) and
  // are kept on their account: a change is posted back, so every device knows it.
  const prefs = {};
  let cuesUrl = "";
  const loadPrefs = () => {
    const holder = document.querySelector("[data-cues-url]");
    if (!holder) return;
    prefs[SOUND_KEY] = holder.dataset.sounds || "on";
    prefs[SPEECH_KEY] = holder.dataset.speech || "";
    cuesUrl = holder.dataset.cuesUrl;
  };
  const readPref = (key, fallback) => prefs[key] || fallback;
  const csrfToken = () => {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch {
      return "";
    }
  };
  const writePref = (key, value) => {
    prefs[key] = value;
    if (!cuesUrl) return;
    const body = new URLSearchParams({ name: key, value });
    // Kept for this page even when the network is away; saved when it is there.
    fetch(cuesUrl, { method: "POST", body, headers: { "X-CSRFToken": csrfToken() } }).catch(() => {});
  };
  const soundOn = () => readPref(SOUND_KEY, "on") === "on";
  const speechOn = () => readPref(SPEECH_KEY, "off") === "on";
  const number = (value, fallback) => {
    const n = parseFloat(value);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };

  // Times read as minutes and seconds, as everywhere in Limber: "0:45", "9:57".
  const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

  // No sound until the person taps or presses a key on this page (a reload
  // mid-session stays quiet until then), which is also what browsers require.
  const mayMakeSound = () => gestured;

  const unlockAudio = () => {
    gestured = true;
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx || !soundOn()) return;
    try {
      audio = audio || new Ctx();
      if (audio.state === "suspended") audio.resume();
    } catch {
      audio = null;
    }
  };

  // Each cue is a few soft notes: [frequency Hz, start s, length s, wave].
  // Start rises, the end of a hold falls, the end of a rest rises higher,
  // ticks are short and bright: told apart with eyes closed.
  const CUES = {
    start: [[440, 0, 0.35, "sine"], [554, 0.18, 0.5, "sine"]],
    tick: [[1047, 0, 0.09, "triangle"]],
    "end-hold": [[784, 0, 0.45, "sine"], [587, 0.25, 1.1, "sine"]],
    "end-rest": [[698, 0, 0.3, "sine"], [932, 0.16, 0.7, "sine"]],
    "end-walk": [[523, 0, 0.6, "sine"], [659, 0.3, 0.6, "sine"], [784, 0.6, 1.4, "sine"]],
  };

  const play = (name, delay = 0) => {
    if (!soundOn() || !mayMakeSound()) return;
    unlockAudio();
    if (!audio) return;
    try {
      const now = audio.currentTime + delay;
      for (const [freq, at, length, wave] of CUES[name]) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        const t = now + at;
        osc.type = wave;
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, t);
        gain.gain.exponentialRampToValueAtTime(0.16, t + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + length);
        osc.connect(gain);
        gain.connect(audio.destination);
        osc.start(t);
        osc.stop(t + length + 0.05);
      }
    } catch {
      /* no sound is fine */
    }
  };

  const say = (text) => {
    if (!text || !speechOn() || !soundOn() || !mayMakeSound() || !("speechSynthesis" in window)) return;
    try {
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(new window.SpeechSynthesisUtterance(text));
    } catch {
      /* spoken cues are optional */
    }
  };

  // The screen stays awake while a timer runs; the browser drops the lock
  // when the page is hidden, so it is asked for again on return.
  const wake = {
    wanted: false,
    sentinel: null,
    async want(on) {
      this.wanted = on;
      if (!on) {
        const held = this.sentinel;
        this.sentinel = null;
        if (held) held.release().catch(() => {});
        return;
      }
      if (this.sentinel || !("wakeLock" in navigator) || document.visibilityState !== "visible") return;
      try {
        const sentinel = await navigator.wakeLock.request("screen");
        if (!this.wanted) {
          sentinel.release().catch(() => {});
          return;
        }
        this.sentinel = sentinel;
        sentinel.addEventListener("release", () => {
          if (this.sentinel === sentinel) this.sentinel = null;
        });
      } catch {
        /* refused (battery saver, no permission): the timer runs anyway */
      }
    },
  };
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && wake.wanted) wake.want(true);
  });
  window.addEventListener("pagehide", () => wake.want(false));

  class Pacer {
    constructor(el) {
      this.el = el;
      this.text = el.querySelector("[data-pacer-text]");
      this.inMs = number(el.dataset.inMs, 5000);
      this.outMs = number(el.dataset.outMs, 5000);
      this.breathingIn = false;
      this.timeout = null;
      // CSS animates the rhythm; with reduced motion only the words change.
      el.style.setProperty("--pacer-in", `${this.inMs}ms`);
      el.style.setProperty("--pacer-out", `${this.outMs}ms`);
      el.classList.add("is-live");
    }

    flip() {
      this.breathingIn = !this.breathingIn;
      this.el.classList.toggle("is-in", this.breathingIn);
      this.el.classList.toggle("is-out", !this.breathingIn);
      if (this.text) this.text.textContent = this.breathingIn ? "Breathe in" : "Breathe out";
      this.timeout = window.setTimeout(() => this.flip(), this.breathingIn ? this.inMs : this.outMs);
    }

    start() {
      if (this.timeout === null) this.flip();
    }

    stop() {
      window.clearTimeout(this.timeout);
      this.timeout = null;
      this.breathingIn = false;
      this.el.classList.remove("is-in", "is-out");
      if (this.text) this.text.textContent = "Paused";
    }
  }

  // "Get ready" (when the exercise or side has just changed), then each rep's
  // hold with a rest between reps. Without data-reps a screen is one hold
  // followed by its rest. Phases without time are left out.
  const planPhases = (data) => {
    const between = "reps" in data;
    const reps = Math.max(1, Math.round(number(data.reps, 1)));
    const holdMs = number(data.holdMs, 0);
    const restMs = number(data.restMs, 0);
    const phases = [{ kind: "ready", label: "Get ready", ms: number(data.readyMs, 5000), rep: 1 }];
    for (let rep = 1; rep <= reps; rep += 1) {
      phases.push({ kind: "hold", label: "Hold", ms: holdMs, rep });
      if (rep < reps || !between) phases.push({ kind: "rest", label: between ? "Relax" : "Rest", ms: restMs, rep });
    }
    return { reps, phases: phases.filter((p) => p.ms > 0) };
  };

  class StepTimer {
    constructor(root, panel) {
      const data = root.dataset;
      this.root = root;
      this.panel = panel;
      this.stage = panel.querySelector("[data-session-stage]") || root;
      this.unit = number(data.secondMs, 1000) || 1000;
      this.name = data.name || "";
      this.cue = data.cue || "";
      ({ reps: this.reps, phases: this.phases } = planPhases(data));
      this.lastHold = this.phases.map((p) => p.kind).lastIndexOf("hold");
      this.phaseEl = root.querySelector("[data-timer-phase]");
      this.countEl = root.querySelector("[data-timer-count]");
      this.ringEl = root.querySelector("[data-timer-ring]");
      this.repEl = panel.querySelector("[data-timer-rep]");
      this.toggleEl = root.querySelector("[data-timer-toggle]");
      this.nextEl = panel.querySelector("[data-next-up]");
      this.doneButton = panel.querySelector("[data-timer-done]");
      const pacerEl = panel.querySelector("[data-breath-pacer]");
      this.pacer = pacerEl ? new Pacer(pacerEl) : null;
      this.index = -1;
      this.elapsed = 0;
      this.events = [];
      this.shown = "";
      this.paused = false;
      this.finished = false;
      this.last = 0;
      this.interval = null;
    }

    start() {
      const fallback = this.panel.querySelector("[data-timer-fallback]");
      if (fallback) fallback.hidden = true;
      this.root.hidden = false;
      const tools = this.panel.querySelector("[data-timer-tools]");
      if (tools) tools.hidden = false;
      this.bindButtons();
      this.nextPhase();
      this.last = performance.now();
      // Ticks fine enough that a cue is never more than a fifth of a shown second late.
      this.interval = window.setInterval(() => this.tick(), Math.min(100, this.unit / 5));
      if (this.pacer) this.pacer.start();
      wake.want(true);
    }

    bindButtons() {
      if (this.toggleEl) this.toggleEl.addEventListener("click", () => this.toggle());
      bindPref(this.panel.querySelector("[data-timer-sound]"), SOUND_KEY, "on", unlockAudio);
      bindPref(this.panel.querySelector("[data-timer-speech]"), SPEECH_KEY, "off", null);
      const offer = this.panel.querySelector("[data-speech-offer]");
      if (offer) offer.hidden = readPref(SPEECH_KEY, "") !== "";
    }

    get phase() {
      return this.phases[this.index];
    }

    // What is said and sounded inside a phase, in ms from its start.
    plan(phase) {
      const at = (units, fire) => ({ at: phase.ms - units * this.unit, fire });
      if (phase.kind !== "hold") return [];
      const events = [];
      if (phase.ms >= 10 * this.unit) events.push({ at: phase.ms / 2, fire: () => say("Halfway") });
      if (phase.ms >= 4 * this.unit) {
        for (const n of [3, 2, 1]) events.push(at(n, () => { play("tick"); say(String(n)); }));
      }
      if (this.index === this.lastHold && phase.ms > NEXT_UP_UNITS * this.unit) {
        events.push(at(NEXT_UP_UNITS, () => this.showNext(true)));
      }
      return events.sort((a, b) => a.at - b.at);
    }

    nextPhase() {
      const ended = this.phase;
      this.index += 1;
      const phase = this.phase;
      if (ended && ended.kind === "hold") play("end-hold");
      if (ended && ended.kind === "rest") play("end-rest");
      if (!phase) {
        this.finish();
        return;
      }
      this.elapsed = 0;
      this.events = this.plan(phase);
      this.stage.dataset.phase = phase.kind;
      if (this.phaseEl) this.phaseEl.textContent = phase.label;
      if (this.repEl && this.reps > 1) {
        this.repEl.textContent = `Rep ${phase.rep} of ${this.reps}`;
        this.repEl.hidden = false;
      }
      const lastHold = this.index === this.lastHold;
      this.showNext((phase.kind === "rest" && this.index > this.lastHold) || (lastHold && phase.ms <= NEXT_UP_UNITS * this.unit));
      this.announce(phase, ended);
      this.render();
    }

    announce(phase, ended) {
      const first = !ended;
      const who = [this.name, this.cue].filter(Boolean).join(". ");
      if (phase.kind === "ready") {
        say(`${who}. Get ready`);
      } else if (phase.kind === "hold") {
        // After a rest its own cue has just sounded: the hold's follows it.
        play("start", ended && ended.kind === "rest" ? 0.6 : 0);
        const rep = this.reps > 1 ? `. Rep ${phase.rep} of ${this.reps}` : "";
        say(first ? `${who}. Hold${rep}` : `Hold${rep}`);
      } else if (this.index < this.phases.length - 1) {
        say("Let go slowly. Relax");
      } else {
        say(`Let go slowly. ${this.nextSay()}`.trim());
      }
    }

    nextSay() {
      return this.nextEl ? this.nextEl.dataset.nextSay || "" : "";
    }

    showNext(on) {
      if (this.nextEl) this.nextEl.hidden = !on;
    }

    tick() {
      const now = performance.now();
      const step = now - this.last;
      this.last = now;
      if (this.paused || this.finished) return;
      this.elapsed += step;
      while (this.events.length && this.events[0].at <= this.elapsed) this.events.shift().fire();
      if (this.elapsed >= this.phase.ms) this.nextPhase();
      else this.render();
    }

    render() {
      const phase = this.phase;
      const left = Math.max(0, phase.ms - this.elapsed);
      const text = clock(Math.ceil(left / this.unit));
      if (this.countEl && text !== this.shown) {
        this.countEl.textContent = text;
        this.shown = text;
      }
      // The ring empties as the phase runs out (its circle has pathLength 100).
      if (this.ringEl) this.ringEl.setAttribute("stroke-dashoffset", (100 - (100 * left) / phase.ms).toFixed(2));
    }

    toggle() {
      if (this.finished) return;
      this.paused = !this.paused;
      this.last = performance.now();
      if (this.toggleEl) this.toggleEl.textContent = this.paused ? "Resume timer" : "Pause timer";
      if (this.phaseEl) this.phaseEl.textContent = this.paused ? "Paused" : this.phase.label;
      this.stage.dataset.paused = this.paused ? "true" : "false";
      if (this.pacer) {
        if (this.paused) this.pacer.stop();
        else this.pacer.start();
      }
      wake.want(!this.paused);
      say(this.paused ? "Paused" : "Carry on");
    }

    finish() {
      this.finished = true;
      this.showNext(true);
      say(`Let go slowly. ${this.nextSay()}`.trim());
      this.destroy();
      if (this.phaseEl) this.phaseEl.textContent = "Well done. Moving on.";
      if (this.countEl) this.countEl.textContent = clock(0);
      if (this.toggleEl) this.toggleEl.disabled = true;
      // "Done", pressed: its form carries the position this step answers, and
      // a click (not requestSubmit) is what htmx reads the button's action from.
      if (this.doneButton && this.doneButton.isConnected) this.doneButton.click();
    }

    destroy() {
      window.clearInterval(this.interval);
      this.interval = null;
      if (this.pacer) this.pacer.stop();
    }
  }

  // The walk after a session: a minutes:seconds countdown the person starts,
  // pauses and starts again; the screen stays awake only while it runs.
  class WalkTimer {
    constructor(root) {
      this.root = root;
      this.unit = number(root.dataset.secondMs, 1000) || 1000;
      this.ms = number(root.dataset.walkMs, 0);
      this.countEl = root.querySelector("[data-walk-count]");
      this.button = root.querySelector("[data-walk-start]");
      this.statusEl = root.querySelector("[data-walk-status]");
      this.elapsed = 0;
      this.last = 0;
      this.interval = null;
    }

    show() {
      const fallback = this.root.parentElement.querySelector("[data-walk-fallback]");
      if (fallback) fallback.hidden = true;
      this.root.hidden = false;
      this.button.addEventListener("click", () => this.toggle());
    }

    get running() {
      return this.interval !== null;
    }

    toggle() {
      if (this.running) this.stop("Paused. Start again when you are ready.", "Resume the walk timer");
      else this.run();
    }

    run() {
      unlockAudio();
      if (this.elapsed >= this.ms) this.elapsed = 0; // a second walk
      this.last = performance.now();
      this.interval = window.setInterval(() => this.tick(), Math.min(250, this.unit / 4));
      this.button.textContent = "Pause the walk timer";
      this.say("");
      this.render();
      wake.want(true);
    }

    stop(words, label) {
      window.clearInterval(this.interval);
      this.interval = null;
      this.button.textContent = label;
      this.say(words);
      wake.want(false);
    }

    tick() {
      const now = performance.now();
      this.elapsed += now - this.last;
      this.last = now;
      this.render();
      if (this.elapsed < this.ms) return;
      this.stop("Well done: that is your walk.", "Start the walk timer again");
      play("end-walk");
      say("Well done. That is your walk.");
    }

    render() {
      const left = Math.max(0, this.ms - this.elapsed);
      if (this.countEl) this.countEl.textContent = clock(Math.ceil(left / this.unit));
    }

    say(words) {
      if (this.statusEl) this.statusEl.textContent = words;
    }

    destroy() {
      if (this.running) this.stop("", "Start the walk timer");
    }
  }
  let walking = null;

  const setUpWalk = () => {
    loadPrefs();
    if (walking) walking.destroy();
    const root = document.querySelector("[data-walk-timer]");
    walking = root && root.querySelector("[data-walk-start]") ? new WalkTimer(root) : null;
    if (walking) walking.show();
  };

  // A two-way switch kept on the account; its visible state mirrors aria-pressed.
  const bindPref = (button, key, defaultValue, onEnable) => {
    if (!button) return;
    const state = button.querySelector(".switch-state");
    const show = () => {
      const on = readPref(key, defaultValue) === "on";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      if (state) state.textContent = on ? "on" : "off";
    };
    show();
    button.addEventListener("click", () => {
      const value = readPref(key, defaultValue) === "on" ? "off" : "on";
      writePref(key, value);
      show();
      const offer = button.closest("[data-session-panel]")?.querySelector("[data-speech-offer]");
      if (offer && key === SPEECH_KEY) offer.hidden = true;
      if (value === "on" && onEnable) onEnable();
      if (value === "off" && "speechSynthesis" in window) window.speechSynthesis.cancel();
    });
  };

  const setUp = () => {
    loadPrefs();
    if (active) {
      active.destroy();
      active = null;
    }
    const panel = document.querySelector("[data-session-panel]");
    const root = panel && panel.querySelector("[data-session-timer]");
    setUpWalk();
    if (!root) {
      wake.want(false); // pain, stop, summary: nothing to keep awake until the walk starts
      return;
    }
    active = new StepTimer(root, panel);
    active.start();
  };

  // A new screen: tell screen readers. htmx has already focused its [autofocus]
  // and scrolled the panel to the top (hx-swap="outerHTML show:top").
  const announceNewScreen = () => {
    const panel = document.querySelector("[data-session-panel]");
    if (!panel) return;
    const heading = panel.querySelector("[data-step-heading]");
    const live = document.querySelector("[data-session-announcer]");
    if (live) {
      const text = panel.getAttribute("data-announce") || (heading ? heading.textContent : "");
      live.textContent = "";
      // A fresh text node a moment later is read even if it repeats.
      window.setTimeout(() => {
        live.textContent = text.replace(/\s+/g, " ").trim();
      }, 50);
    }
  };

  const isControl = (el) =>
    Boolean(el && el.closest && el.closest("a, button, input, select, textarea, summary, label, [contenteditable]"));

  // Space/Enter pause the timer, unless a control has focus.
  document.addEventListener("keydown", (event) => {
    if (!active || active.finished) return;
    if (event.key !== " " && event.key !== "Enter") return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
    if (isControl(event.target)) return;
    event.preventDefault();
    active.toggle();
  });

  document.addEventListener("pointerdown", unlockAudio, { once: true });
  document.addEventListener("keydown", unlockAudio, { once: true });

  document.addEventListener("htmx:beforeSwap", (event) => {
    // Stop the old panel's clock before the new one starts.
    const target = event.detail && event.detail.target;
    if (active && target && target.matches && target.matches("[data-session-panel]")) {
      active.destroy();
      active = null;
    }
  });

  // afterSettle: only then are the new panel's forms wired to htmx.
  document.addEventListener("htmx:afterSettle", (event) => {
    const elt = event.target;
    if (!elt || !elt.matches || !elt.matches("[data-session-panel]")) return;
    setUp();
    announceNewScreen();
  });

  // Without signal the page draws the next screen itself (static/js/offline.js).
  document.addEventListener("limber:leave-screen", () => {
    if (active) active.destroy();
    active = null;
  });
  document.addEventListener("limber:screen", () => {
    setUp();
    announceNewScreen();
  });

  // Back/forward cache shows a stale screen: reload it.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && document.querySelector("[data-session-panel]")) window.location.reload();
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
}
