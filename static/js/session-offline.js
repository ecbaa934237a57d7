/* The guided session without signal: the page draws the next screen from its
   plan and examples (_session_offline.html) and keeps each answer on this
   phone (store.js) for offline.js to send. Loaded by the session page only,
   before offline.js, which starts it (self.LimberSessionOffline), and before
   session.js, which times each screen. */
"use strict";

{
  const Q = self.LimberStore;
  const $ = (q, root = document) => root.querySelector(q);
  // What offline.js shares (self.LimberOffline); it runs next, so it is read when used.
  const off = () => self.LimberOffline;
  const flash = (texts) => off().flash(texts);
  const data = $("#offline-session");
  const plan = data && JSON.parse(data.textContent);
  if (plan) {
    // Words many steps share come once (tracking/session_views.py _offline_plan).
    for (const s of plan.steps) Object.assign(s, plan.words[s.words], { name: plan.cards[s.slug].name, sideLabel: plan.sides[s.side] || "" });
    const panelEl = () => $("[data-session-panel]");
    const screens = {};
    for (const t of document.querySelectorAll("[data-offline-screens] template")) screens[t.dataset.screen || t.dataset.stopped] = t;
    if (panelEl() && panelEl().dataset.screen === "step") {
      screens.step = document.createElement("template");
      screens.step.innerHTML = panelEl().innerHTML; // copied before session.js starts the timer
      screens.step.dataset.sample = panelEl().dataset.position;
    }
    const stateOf = (el) => ({ position: +el.dataset.position, screen: el.dataset.screen, reason: el.dataset.stopped || "", at: +el.dataset.at });
    let state = panelEl() ? stateOf(panelEl()) : null;
    let shownAt = performance.now();
    let queued = 0;
    let saving = Promise.resolve();

    // tracking/session_flow.py's advance, for the screens a page can draw.
    const step = (p) => plan.steps.find((s) => s.number === p);
    const moveTo = (p) => (p > plan.count ? { position: plan.count + 1, screen: "pain-after" } : { position: p, screen: "step" });
    const PAIN = /^(10|\d)$/;
    const advance = (s, f) => {
      if (+f.position !== s.position) return null;
      const a = f.action;
      const here = (screen, more) => ({ position: s.position, screen, ...more });
      const reason = f.reason || "not-said";
      switch (s.screen) {
        case "pain-before":
          return a === "pain" && PAIN.test(f.pain) ? moveTo(1) : null;
        case "step":
          return { done: moveTo(s.position + 1), skip: here("skip-reason"), stop: here("stop-reason"), pause: here("paused") }[a];
        case "paused":
          return { resume: here("step"), stop: here("stop-reason") }[a];
        case "skip-reason": {
          if (a === "resume") return here("step");
          if (a !== "skip" || !/^(yes|no)$/.test(f.because_of_pain)) return null;
          let p = s.position; // skip the rest of this stretch, both sides
          while (step(p + 1) && step(p + 1).slug === step(s.position).slug) p += 1;
          return moveTo(p + 1);
        }
        case "stop-reason":
        case "body-question":
          if (a === "resume") return here("step");
          if (a !== "stop" || (s.screen === "body-question" && (reason !== "other" || !f.body))) return null;
          if (reason === "other" && f.body === "no") return here("paused");
          if (reason === "other" && !f.body) return here("body-question", { note: f.note });
          return reason === "cramp" ? here("resting", { reason }) : { position: plan.count + 1, screen: "pain-after", reason };
        case "resting":
          return a === "stop" ? { position: plan.count + 1, screen: "pain-after", reason: "cramp" } : null;
        case "pain-after":
          return a === "pain" && (s.reason || PAIN.test(f.pain)) ? { position: plan.count + 2, screen: "summary" } : null;
      }
      return null;
    };

    const nameSide = (s) => s.name + (s.sideLabel ? `, ${s.sideLabel.toLowerCase()}` : "");
    const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    // The examples are drawn for one step (sample); its number and name give way to this step's.
    const fill = (root, s, sample) => {
      const card = plan.cards[s.slug];
      const text = { name: s.name, side: s.sideLabel, reps: s.repsLabel, instructions: s.instructions };
      for (const el of root.querySelectorAll("[data-o]")) {
        el.textContent = text[el.dataset.o];
        el.hidden = text[el.dataset.o] === "";
      }
      const names = new RegExp(`${escape(nameSide(sample))}|${escape(sample.name)}`, "g");
      for (const el of root.querySelectorAll(".session-progress, [data-o-text]")) {
        el.textContent = el.textContent.replace(/\d+(?= of \d)/, s.number).replace(names, (m) => (m === sample.name ? s.name : nameSide(s)));
      }
      const last = { breathing: ` ${card.breathing}`, next: step(s.number + 1) && ` ${nameSide(step(s.number + 1))}` };
      for (const el of root.querySelectorAll("[data-o-last]")) el.lastChild.textContent = last[el.dataset.oLast];
      const stage = $("[data-session-stage]", root);
      if (stage) stage.classList.toggle("is-mirrored", s.side === "left");
      const start = $(".pose-start", root);
      const hold = $(".pose-hold", root);
      if (start && card.picture) {
        start.src = `${card.picture}#start`;
        Object.assign(hold, { src: card.picture, alt: card.alt });
      } else if (start) start.closest("figure").remove();
      const timer = $("[data-session-timer]", root);
      if (timer) {
        Object.assign(timer.dataset, { readyMs: s.readyMs, holdMs: s.holdMs, restMs: s.restMs, reps: s.reps, name: s.name, cue: s.sideLabel });
        $("[data-timer-count]", timer).textContent = s.readyClock;
        $("[data-timer-phase]", timer).textContent = s.readyMs ? "Get ready" : "Hold";
      }
      const next = $("[data-next-up]", root);
      const coming = step(s.number + 1);
      if (next && !coming) next.remove();
      else if (next) {
        next.dataset.nextSay = coming.slug === s.slug && coming.side !== s.side ? "Switch legs." : `Next: ${nameSide(coming)}.`;
        const img = $("img", next);
        if (img) img.src = `${plan.cards[coming.slug].picture}#start`;
        if (img) img.classList.toggle("is-mirrored", coming.side === "left");
      }
      const list = $(".session-steps", root);
      if (list) list.replaceChildren(...card.steps.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
    };

    // Every page's footer has the warning card with the person's emergency number.
    const warningCard = () => {
      const card = $("#footer-warning").cloneNode(true);
      card.id = "warning-card";
      card.setAttribute("aria-labelledby", "warning-card-heading");
      $("h2", card).id = "warning-card-heading";
      return card;
    };
    const advice = (reason) => screens[reason].content.cloneNode(true);

    const render = (s) => {
      const panel = panelEl();
      document.dispatchEvent(new Event("limber:leave-screen"));
      const body = screens[s.screen].content.cloneNode(true);
      const here = step(s.position);
      if (here) fill(body, here, step(Number(screens[s.screen].dataset.sample) || plan.sample));
      if (s.screen === "pain-after" && s.reason) {
        for (const el of body.querySelectorAll(".session-progress, h1")) el.remove();
        $("form", body).before(advice(s.reason), warningCard());
      }
      if (s.screen === "resting") {
        const until = $(".rest-until", body);
        until.textContent = until.textContent.replace(/\d\d:\d\d/, new Date(Date.now() + plan.restMs).toTimeString().slice(0, 5));
        body.append($("[data-stop-advice]", advice("cramp")), warningCard());
      }
      for (const input of body.querySelectorAll("input[name=position]")) input.value = s.position;
      if (s.note) $("input[name=note]", body).value = s.note;
      panel.replaceChildren(body);
      Object.assign(panel.dataset, { position: s.position, screen: s.screen, stopped: s.reason || "" });
      panel.dataset.announce = s.screen === "step" ? `${here.name}. ${here.sideLabel ? `${here.sideLabel}. ` : ""}${here.repsLabel}.` : "";
      document.title = `${$("h1", panel).textContent} · Limber`;
      htmx.process(panel);
      shownAt = performance.now();
      document.dispatchEvent(new Event("limber:screen"));
      const focus = $("[autofocus]", panel);
      if (focus) focus.focus();
      panel.scrollIntoView();
    };

    const status = async (saved) => {
      const el = $("[data-offline-status]");
      if (!el) return;
      const count = (await Q.waiting(off().user)).length;
      const waiting = `${count === 1 ? "1 answer" : `${count} answers`} waiting to be saved.`;
      let words = count ? `Saving: ${waiting}` : saved ? "All saved." : "";
      if (!navigator.onLine) words = count ? `Offline: ${waiting}` : "Offline. Your session carries on; what you do is saved when you're back online.";
      el.hidden = !words;
      el.textContent = words;
    };

    // An answer the server could not get: move on here, as the server would, and keep it.
    const answer = (formData) => {
      const fields = Object.fromEntries([...formData].filter(([k, v]) => k !== "csrfmiddlewaretoken" && typeof v === "string"));
      const next = state && advance(state, fields);
      if (!next) {
        if (state.screen === "resting" && fields.action === "resume") flash(["You can carry on once you're back online, when Limber has checked your rest."]);
        else if (fields.action === "pain") flash([plan.painMessage]);
        return;
      }
      // The phone's own time for the hold: sent later, the server's clock would call it cut short.
      if (fields.action === "done") fields.held = ((performance.now() - shownAt) / plan.secondMs).toFixed(1);
      const entry = { user: off().user, url: plan.url, fields, expect: { position: next.position, screen: next.screen }, before: state };
      state = next;
      queued += 1;
      render(next); // at once: a stop's advice never waits for anything
      saving = saving
        .then(() => Q.add(entry))
        .then(() => {
          status();
          off().retryLater(); // in case the server does not answer
          return navigator.serviceWorker.ready.then((r) => r.sync && r.sync.register(Q.SYNC_TAG));
        })
        .catch(() => flash(["This answer could not be kept on this device. Please keep this page open until you're back online."]));
    };

    // This session's answers still waiting on this phone (every page sends them: offline.js).
    const waitingHere = async () => (await Q.waiting(off().user)).filter((e) => e.url === plan.url);

    // Where this phone was: the last screen the server drew, then every answer still waiting.
    const restore = async () => {
      const kept = JSON.parse(localStorage.getItem(off().KEPT));
      let s = kept && kept.url === plan.url && kept.state.at > state.at ? kept.state : state;
      const mine = (await waitingHere()).sort((a, b) => a.id - b.id);
      if (mine.length) s = mine[0].before;
      for (const e of mine) s = advance(s, e.fields) || s;
      queued = mine.length;
      if (s.position !== state.position || s.screen !== state.screen) render(s);
      state = s;
    };

    // After offline.js has sent what waited. True: answers given meanwhile wait their turn.
    const afterReplay = async (finished, notes, mine) => {
      queued = (await waitingHere()).length;
      if (finished && queued) return true;
      // After a refusal, or for the summary only the server can write: the server's screen.
      // The worker may have sent this page's answers first (Background Sync), so a
      // refusal it noted redraws the screen too.
      if (finished && (notes.length || (mine && state.screen === "summary"))) htmx.ajax("GET", plan.url, { target: "#session-panel", swap: "outerHTML" });
      return false;
    };

    document.addEventListener("htmx:configRequest", (event) => {
      const { elt, verb, formData } = event.detail;
      // Once one answer waits, the next waits too: the order is kept.
      if (verb !== "post" || !elt.closest("[data-session-panel]") || (navigator.onLine && !queued)) return;
      event.preventDefault();
      answer(formData);
    });
    document.addEventListener("htmx:sendError", (event) => {
      const config = event.detail.requestConfig;
      if (config.elt.closest("[data-session-panel]")) answer(config.formData);
    });
    document.addEventListener("htmx:afterSettle", (event) => {
      if (!event.target.matches("[data-session-panel]")) return;
      state = stateOf(event.target);
      shownAt = performance.now();
      localStorage.setItem(off().KEPT, JSON.stringify({ url: plan.url, state }));
    });

    self.LimberSessionOffline = { restore: () => (state ? restore() : Promise.resolve()), status, waitingHere, afterReplay };
  }
}
