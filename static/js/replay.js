/* Sends the answers kept on this device (store.js) to the server, in order.
   Loaded by the worker (sw.js), and by a page only when answers wait.
   Each entry is the form the server expects (position, action, the answer)
   and the screen the phone showed after it ("expect"). Answers are
   position-addressed and idempotent, so replaying one the server has changes
   nothing; a screen the phone did not expect means it was refused, and the
   person is told, never silently. */
"use strict";

self.LimberReplay = (() => {
  const S = self.LimberStore;
  const PANEL = /data-session-panel[^>]*?data-position="(\d+)" data-screen="([a-z-]+)"/;
  const WHY = { closed: "the session had closed at the end of its day", summary: "the session had already ended" };
  WHY["pain-after"] = WHY.summary;
  const refusal = (count, why) =>
    `${count === 1 ? "One answer" : `${count} answers`} from your session could not be saved: ${why}. Nothing was saved twice.`;
  const refuse = (user, count, why) => {
    console.warn(`Limber: ${refusal(count, why)}`);
    return S.note(user, refusal(count, why));
  };
  const readable = (e) =>
    Number.isInteger(e.user) && /^\/sessions\/\d+\/$/.test(e.url) && e.fields instanceof Object &&
    e.expect instanceof Object && Number.isInteger(e.expect.position) && typeof e.expect.screen === "string";

  const send = async (entry, csrf) => {
    let r;
    try {
      r = await fetch(entry.url, {
        method: "POST",
        body: new URLSearchParams(entry.fields),
        headers: { "X-CSRFToken": csrf, "HX-Request": "true" },
        redirect: "manual",
      });
    } catch {
      return { wait: true }; // no signal yet
    }
    if (r.status === 404) return { why: "the session could not be found" };
    if (r.headers.get("HX-Redirect")) return { why: "your safety check asked for a pause in stretching" };
    if (!r.ok) return { wait: true }; // signed out, server busy: later
    const m = PANEL.exec(await r.text());
    return m ? { at: `${m[1]} ${m[2]}` } : { wait: true };
  };

  const replaySession = async (user, list, csrf) => {
    while (list.length) {
      const r = await send(list[0], csrf);
      if (r.wait) return false;
      // The server may have some already (a replay cut short): those up to the screen it shows.
      const k = list.findIndex((e) => `${e.expect.position} ${e.expect.screen}` === r.at);
      if (k < 0) {
        await S.drop(list.map((e) => e.id));
        await refuse(user, list.length, r.why || WHY[(r.at || "").split(" ")[1]] || "the session had moved on elsewhere");
        return true;
      }
      await S.drop(list.slice(0, k + 1).map((e) => e.id));
      list = list.slice(k + 1);
    }
    return true;
  };

  const replayNow = async (user, csrf) => {
    const entries = await S.all();
    const broken = entries.filter((e) => !readable(e));
    if (broken.length) {
      await S.drop(broken.map((e) => e.id));
      await refuse(user, broken.length, "it could not be read on this device");
    }
    const sessions = new Map();
    for (const e of entries.filter((e) => readable(e) && e.user === user).sort((a, b) => a.id - b.id)) {
      sessions.set(e.url, [...(sessions.get(e.url) || []), e]);
    }
    // A session with a stop goes first: the stop changes what is safe next.
    const stops = (list) => list.some((e) => e.fields.action === "stop");
    let done = true;
    for (const list of [...sessions.values()].sort((a, b) => stops(b) - stops(a))) {
      done = (await replaySession(user, list, csrf)) && done;
    }
    return done;
  };
  // One replay at a time on this device: the page and the worker may both try.
  const replay = (user, csrf) =>
    navigator.locks ? navigator.locks.request("limber-replay", () => replayNow(user, csrf)) : replayNow(user, csrf);
  const replayForLastPerson = async () => {
    const p = await S.person();
    if (p && !(await replay(p.user, p.csrf))) throw new Error("offline"); // the browser tries again
  };
  return { replay, replayForLastPerson };
})();
