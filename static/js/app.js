/* Limber's one script. Behaviour hangs on data-* attributes; nothing inline,
   so the strict Content-Security-Policy holds. Every page works without it. */
(function () {
  "use strict";

  var flash = function (text) {
    var region = document.querySelector("[data-flash]");
    if (!region) { return; }
    var p = document.createElement("p");
    p.className = "message message-error";
    p.textContent = text;
    region.replaceChildren(p);
  };

  // htmx does not swap errors: say what happened instead.
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 503) {
      flash("Limber is briefly unavailable. Nothing was lost: please try again in a few seconds.");
    } else if (status === 403) {
      flash("Your page had expired. Please reload it and try again.");
    } else if (status === 404) {
      flash("That item could not be found. Please reload the page.");
    } else {
      flash("Something went wrong. Please reload the page and try again.");
    }
  });
  document.addEventListener("htmx:sendError", function () {
    flash("No connection. Check your internet and try again: what you saved before is safe.");
  });

  // After a swap, focus the new heading (keyboard and screen readers).
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    // An outerHTML swap replaces the target: find its successor.
    if (target && !target.isConnected && target.id) { target = document.getElementById(target.id); }
    if (!target) { return; }
    var heading = target.matches("[data-focus-on-swap]") ? target : target.querySelector("[data-focus-on-swap]");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
      heading.focus();
    }
  });
  // Sign-up: propose the browser's own time zone.
  var zoneSelect = document.querySelector('select[data-time-zone="suggest"]');
  var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zoneSelect && zone) {
    var known = Array.prototype.some.call(zoneSelect.options, function (o) { return o.value === zone; });
    if (!known) { zoneSelect.add(new Option(zone.replace(/_/g, " "), zone), 0); }
    zoneSelect.value = zone;
  }
  // ... and the country of that zone (each option lists its zones), unless
  // the person has already chosen one.
  var countrySelect = document.querySelector('select[data-country="suggest"]');
  if (countrySelect && zone && !countrySelect.value) {
    var match = Array.prototype.find.call(countrySelect.options, function (o) {
      return (o.getAttribute("data-zones") || "").split(" ").indexOf(zone) !== -1;
    });
    if (match) { countrySelect.value = match.value; }
  }

  // tracking: a "Print this report" button.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });

})();

/* == sessions: hold timer and breath pacer (hooks listed in templates/tracking/session_step.html) == */
(function () {
  "use strict";

  var SOUND_KEY = "limber.sound"; // "off" once the person mutes the tone
  var SPEECH_KEY = "limber.speech"; // "on" once they ask for spoken cues
  var active = null; // at most one running step timer on the page
  var audio = null;

  function readPref(key, fallback) {
    try {
      return window.localStorage.getItem(key) || fallback;
    } catch (e) {
      return fallback; // storage blocked: use the default
    }
  }

  function writePref(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (e) {
      /* the choice then lasts for this page only */
    }
  }

  function soundOn() {
    return readPref(SOUND_KEY, "on") === "on";
  }

  function speechOn() {
    return readPref(SPEECH_KEY, "off") === "on";
  }

  function number(value, fallback) {
    var n = parseFloat(value);
    return isFinite(n) && n >= 0 ? n : fallback;
  }

  // Audio may only start after a tap or key press.
  function unlockAudio() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx || !soundOn()) return;
    try {
      audio = audio || new Ctx();
      if (audio.state === "suspended") audio.resume();
    } catch (e) {
      audio = null;
    }
  }

  // A soft sine "ding": quick fade in, long fade out, quiet.
  function endTone() {
    if (!soundOn()) return;
    unlockAudio();
    if (!audio) return;
    try {
      var t = audio.currentTime;
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = 528;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.15, t + 0.04);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 1.4);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(t);
      osc.stop(t + 1.5);
    } catch (e) {
      /* no sound is fine */
    }
  }

  function say(text) {
    if (!text || !speechOn() || !("speechSynthesis" in window)) return;
    try {
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(new window.SpeechSynthesisUtterance(text));
    } catch (e) {
      /* spoken cues are optional */
    }
  }

  function Pacer(el) {
    this.el = el;
    this.text = el.querySelector("[data-pacer-text]");
    this.inMs = number(el.dataset.inMs, 5000);
    this.outMs = number(el.dataset.outMs, 5000);
    this.breathingIn = false;
    this.timeout = null;
    // CSS animates the rhythm; with reduced motion only the words change.
    el.style.setProperty("--pacer-in", this.inMs + "ms");
    el.style.setProperty("--pacer-out", this.outMs + "ms");
    el.classList.add("is-live");
  }

  Pacer.prototype.flip = function () {
    var self = this;
    this.breathingIn = !this.breathingIn;
    this.el.classList.toggle("is-in", this.breathingIn);
    this.el.classList.toggle("is-out", !this.breathingIn);
    if (this.text) this.text.textContent = this.breathingIn ? "Breathe in" : "Breathe out";
    this.timeout = window.setTimeout(function () {
      self.flip();
    }, this.breathingIn ? this.inMs : this.outMs);
  };

  Pacer.prototype.start = function () {
    if (this.timeout === null) this.flip();
  };

  Pacer.prototype.stop = function () {
    window.clearTimeout(this.timeout);
    this.timeout = null;
    this.breathingIn = false;
    this.el.classList.remove("is-in", "is-out");
    if (this.text) this.text.textContent = "Paused";
  };

  function StepTimer(root, panel) {
    var data = root.dataset;
    this.root = root;
    this.panel = panel;
    this.unit = number(data.secondMs, 1000) || 1000;
    this.cue = data.cue || "";
    this.phases = [
      { label: "Get ready", ms: number(data.readyMs, 5000), speak: "Get ready. " + this.cue },
      { label: "Hold", ms: number(data.holdMs, 0), speak: "Hold" },
      { label: "Let go slowly and rest", ms: number(data.restMs, 0), speak: "Let go slowly" },
    ];
    this.phaseEl = root.querySelector("[data-timer-phase]");
    this.countEl = root.querySelector("[data-timer-count]");
    this.toggleEl = root.querySelector("[data-timer-toggle]");
    this.doneForm = panel.querySelector("[data-timer-done]");
    var pacerEl = panel.querySelector("[data-breath-pacer]");
    this.pacer = pacerEl ? new Pacer(pacerEl) : null;
    this.index = -1;
    this.left = 0;
    this.paused = false;
    this.finished = false;
    this.last = 0;
    this.interval = null;
  }

  StepTimer.prototype.start = function () {
    var self = this;
    var fallback = this.panel.querySelector("[data-timer-fallback]");
    if (fallback) fallback.hidden = true;
    this.root.hidden = false;
    this.bindButtons();
    this.nextPhase();
    this.last = performance.now();
    this.interval = window.setInterval(function () {
      self.tick();
    }, 100);
    if (this.pacer) this.pacer.start();
  };

  StepTimer.prototype.bindButtons = function () {
    var self = this;
    if (this.toggleEl) {
      this.toggleEl.addEventListener("click", function () {
        self.toggle();
      });
    }
    bindPref(this.root.querySelector("[data-timer-sound]"), SOUND_KEY, "on", "off", unlockAudio);
    bindPref(this.root.querySelector("[data-timer-speech]"), SPEECH_KEY, "off", "on", null);
  };

  StepTimer.prototype.nextPhase = function () {
    this.index += 1;
    // Phases with no time (no rest) are skipped.
    while (this.index < this.phases.length && this.phases[this.index].ms <= 0) {
      this.index += 1;
    }
    if (this.index >= this.phases.length) {
      this.finish();
      return;
    }
    var phase = this.phases[this.index];
    this.left = phase.ms;
    if (this.phaseEl) this.phaseEl.textContent = phase.label;
    say(phase.speak);
    this.render();
  };

  StepTimer.prototype.tick = function () {
    var now = performance.now();
    var elapsed = now - this.last;
    this.last = now;
    if (this.paused || this.finished) return;
    this.left -= elapsed;
    if (this.left <= 0) {
      if (this.index === 1) endTone(); // the hold is over
      this.nextPhase();
    } else {
      this.render();
    }
  };

  StepTimer.prototype.render = function () {
    if (this.countEl) this.countEl.textContent = String(Math.max(0, Math.ceil(this.left / this.unit)));
  };

  StepTimer.prototype.toggle = function () {
    if (this.finished) return;
    this.paused = !this.paused;
    this.last = performance.now();
    if (this.toggleEl) this.toggleEl.textContent = this.paused ? "Resume timer" : "Pause timer";
    if (this.phaseEl) {
      this.phaseEl.textContent = this.paused ? "Paused" : this.phases[this.index].label;
    }
    if (this.pacer) {
      if (this.paused) this.pacer.stop();
      else this.pacer.start();
    }
    say(this.paused ? "Paused" : "Carry on");
  };

  StepTimer.prototype.finish = function () {
    this.finished = true;
    this.destroy();
    if (this.phaseEl) this.phaseEl.textContent = "Well done. Moving on.";
    if (this.countEl) this.countEl.textContent = "0";
    if (this.toggleEl) this.toggleEl.disabled = true;
    // The "Done" form: it carries the position this step answers.
    if (this.doneForm && this.doneForm.isConnected) {
      if (this.doneForm.requestSubmit) this.doneForm.requestSubmit();
      else this.doneForm.submit();
    }
  };

  StepTimer.prototype.destroy = function () {
    window.clearInterval(this.interval);
    this.interval = null;
    if (this.pacer) this.pacer.stop();
  };

  function bindPref(button, key, defaultValue, otherValue, onEnable) {
    if (!button) return;
    var state = button.querySelector(".switch-state");
    var show = function () {
      var on = readPref(key, defaultValue) === "on";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      if (state) state.textContent = on ? "on" : "off"; // the visible twin of aria-pressed
    };
    show();
    button.addEventListener("click", function () {
      var value = readPref(key, defaultValue) === "on" ? "off" : "on";
      writePref(key, value);
      show();
      if (value === "on" && onEnable) onEnable();
      if (value === "off" && key === SPEECH_KEY && "speechSynthesis" in window) {
        window.speechSynthesis.cancel();
      }
    });
  }

  function setUp() {
    if (active) {
      active.destroy();
      active = null;
    }
    var panel = document.querySelector("[data-session-panel]");
    if (!panel) return;
    var root = panel.querySelector("[data-session-timer]");
    if (root) {
      active = new StepTimer(root, panel);
      active.start();
    }
  }

  // A new screen: focus its heading and tell screen readers.
  function announceNewScreen() {
    var panel = document.querySelector("[data-session-panel]");
    if (!panel) return;
    var heading = panel.querySelector("[data-step-heading]");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
    // To the top: on a phone the timer, Done and Stop stay in view.
    panel.scrollIntoView({ block: "start" });
    var live = document.querySelector("[data-session-announcer]");
    if (live) {
      var text = panel.getAttribute("data-announce") || (heading ? heading.textContent : "");
      live.textContent = "";
      // A fresh text node a moment later is read even if it repeats.
      window.setTimeout(function () {
        live.textContent = text.replace(/\s+/g, " ").trim();
      }, 50);
    }
  }

  function isControl(el) {
    return !!(el && el.closest && el.closest("a, button, input, select, textarea, summary, label, [contenteditable]"));
  }

  // Space/Enter pause the timer, unless a control has focus.
  document.addEventListener("keydown", function (event) {
    if (!active || active.finished) return;
    if (event.key !== " " && event.key !== "Enter") return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
    if (isControl(event.target)) return;
    event.preventDefault();
    active.toggle();
  });

  document.addEventListener("pointerdown", unlockAudio, { once: true });
  document.addEventListener("keydown", unlockAudio, { once: true });

  document.addEventListener("htmx:beforeSwap", function (event) {
    // Stop the old panel's clock before the new one starts.
    var target = event.detail && event.detail.target;
    if (active && target && target.matches && target.matches("[data-session-panel]")) {
      active.destroy();
      active = null;
    }
  });

  // afterSettle: only then are the new panel's forms wired to htmx.
  document.addEventListener("htmx:afterSettle", function (event) {
    // Only the step panel matters here.
    var elt = event.target;
    if (!elt || !elt.matches || !elt.matches("[data-session-panel]")) return;
    setUp();
    announceNewScreen();
  });

  // Back/forward cache shows a stale screen: reload it.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.querySelector("[data-session-panel]")) {
      window.location.reload();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
/* == end sessions == */
