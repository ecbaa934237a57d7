/* Answers given in a session without signal, kept in IndexedDB per person
   until the server has them. Used by the page (static/js/offline.js) and by
   the service worker (static/js/sw.js), so both replay the same way.

   Each entry is the form the server expects today (position, action and the
   answer's fields) plus the screen the phone showed after it ("expect"). The
   server's answers are position-addressed and idempotent: replaying one it
   already has changes nothing. When the server shows a screen the phone did
   not expect, the answer was refused: the person is told, never silently. */
"use strict";

self.LimberQueue = (() => {
  const ANSWERS = "answers";
  const NOTES = "notes"; // refusals waiting to be shown to their person
  const META = "meta"; // who is signed in on this device, for the worker
  const SYNC_TAG = "limber-answers";
  const SESSION_URL = /^\/sessions\/\d+\/$/;
  // The panel names the screen the server is on (templates/tracking/session.html).
  const PANEL = /data-session-panel[^>]*?data-position="(\d+)" data-screen="([a-z-]+)"/;

  let opening = null;
  const open = () =>
    (opening ||= new Promise((resolve, reject) => {
      const request = indexedDB.open("limber", 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore(ANSWERS, { keyPath: "id", autoIncrement: true });
        db.createObjectStore(NOTES, { keyPath: "id", autoIncrement: true });
        db.createObjectStore(META);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        opening = null;
        reject(request.error);
      };
    }));

  // One transaction; resolves with the last request's result once it is committed.
  const run = async (stores, mode, work) => {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      const request = work(tx);
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  };
  const store = (name, mode, work) => run([name], mode, (tx) => work(tx.objectStore(name)));

  const add = (entry) => store(ANSWERS, "readwrite", (s) => s.add(entry));
  const everything = () => store(ANSWERS, "readonly", (s) => s.getAll());
  const remove = (ids) =>
    ids.length ? store(ANSWERS, "readwrite", (s) => ids.map((id) => s.delete(id)).pop()) : null;
  const waiting = async (user) => (await everything()).filter((e) => e && e.user === user);

  const note = (user, text) => {
    console.warn(`Limber: ${text}`);
    return store(NOTES, "readwrite", (s) => s.add({ user, text, at: Date.now() }));
  };
  // Refusals for this person, removed as they are handed over to be shown.
  const takeNotes = async (user) => {
    const mine = (await store(NOTES, "readonly", (s) => s.getAll())).filter((n) => n.user === user);
    if (mine.length) await store(NOTES, "readwrite", (s) => mine.map((n) => s.delete(n.id)).pop());
    return mine.map((n) => n.text);
  };

  const remember = (person) => store(META, "readwrite", (s) => s.put(person, "person"));
  // Logout: nothing of this person stays on the device.
  const clear = () =>
    run([ANSWERS, NOTES, META], "readwrite", (tx) => [ANSWERS, NOTES, META].map((n) => tx.objectStore(n).clear()).pop());

  const readable = (e) =>
    e &&
    Number.isInteger(e.id) &&
    Number.isInteger(e.user) &&
    typeof e.url === "string" &&
    SESSION_URL.test(e.url) &&
    e.fields &&
    typeof e.fields === "object" &&
    Number.isInteger(e.expect && e.expect.position) &&
    typeof e.expect.screen === "string";

  // One answer to the server, as the page's own form would send it.
  const send = async (entry, csrf) => {
    let response;
    try {
      response = await fetch(entry.url, {
        method: "POST",
        body: new URLSearchParams(entry.fields),
        headers: { "X-CSRFToken": csrf, "HX-Request": "true" },
        credentials: "same-origin",
        redirect: "manual",
      });
    } catch {
      return { wait: true }; // no signal yet
    }
    if (response.status === 404) return { refused: "the session could not be found" };
    if (response.headers.get("HX-Redirect")) return { refused: "your safety check asked for a pause in stretching" };
    if (!response.ok) return { wait: true }; // signed out, server busy: try again later
    const found = PANEL.exec(await response.text());
    return found ? { at: { position: Number(found[1]), screen: found[2] } } : { wait: true };
  };

  const WHY = {
    closed: "the session had closed at the end of its day",
    summary: "the session had already ended",
    "pain-after": "the session had already ended",
  };
  const refusal = (count, why) =>
    `${count === 1 ? "One answer" : `${count} answers`} from your session could not be saved: ${why}. Nothing was saved twice.`;

  // Sessions holding a stop go first: the stop changes what is safe next.
  const bySession = (entries) => {
    const groups = new Map();
    for (const e of entries.sort((a, b) => a.id - b.id)) {
      if (!groups.has(e.url)) groups.set(e.url, []);
      groups.get(e.url).push(e);
    }
    const stops = (list) => list.some((e) => e.fields.action === "stop");
    return [...groups.values()].sort((a, b) => stops(b) - stops(a));
  };

  const replaySession = async (user, list, csrf) => {
    while (list.length) {
      const result = await send(list[0], csrf);
      if (result.wait) return false;
      // Answers the server already had are those up to the one whose
      // screen it shows now (a replay cut short by a lost signal).
      const k = result.at
        ? list.findIndex((e) => e.expect.position === result.at.position && e.expect.screen === result.at.screen)
        : -1;
      if (k < 0) {
        await remove(list.map((e) => e.id));
        await note(user, refusal(list.length, result.refused || WHY[result.at.screen] || "the session had moved on elsewhere"));
        return true;
      }
      await remove(list.slice(0, k + 1).map((e) => e.id));
      list = list.slice(k + 1);
    }
    return true;
  };

  const replayNow = async (user, csrf) => {
    const all = await everything();
    const broken = all.filter((e) => !readable(e));
    if (broken.length) {
      await remove(broken.map((e) => e && e.id).filter(Number.isInteger));
      await note(user, refusal(broken.length, "it could not be read on this device"));
    }
    let done = true;
    for (const list of bySession(all.filter((e) => readable(e) && e.user === user))) {
      done = (await replaySession(user, list, csrf)) && done;
    }
    return done;
  };

  // One replay at a time on this device (the page and the worker may both try).
  const replay = (user, csrf) =>
    self.navigator.locks ? self.navigator.locks.request("limber-replay", () => replayNow(user, csrf)) : replayNow(user, csrf);

  const replayForLastPerson = async () => {
    const person = await store(META, "readonly", (s) => s.get("person"));
    if (person && !(await replay(person.user, person.csrf))) throw new Error("still offline"); // the browser retries
  };

  return { SYNC_TAG, add, waiting, takeNotes, remember, clear, replay, replayForLastPerson };
})();
