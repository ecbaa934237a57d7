/* Registers the worker, clears this person's data on logout, and sends the
   answers a session kept on this phone without signal (store.js, replay.js)
   once the connection is back, from whichever page is open then. On the
   session page, session-offline.js (loaded just before) draws the screens
   meanwhile. Runs before app.js. */
"use strict";

{
  const Q = self.LimberStore;
  const { worker, replay } = document.currentScript.dataset;
  const logout = document.querySelector("[data-logout]");
  const user = logout ? Number(logout.dataset.user) : 0;
  const KEPT = "limber-session"; // the last screen the server drew, for a reload without signal
  const csrf = () => JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  // app.js, deferred after this script, shows the words: wait for it (DOMContentLoaded).
  const loaded = new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
  const flash = (texts) => loaded.then(() => document.dispatchEvent(new CustomEvent("limber:flash", { detail: texts.join(" ") })));

  if (worker && "serviceWorker" in navigator) navigator.serviceWorker.register(worker, { scope: "/" }).catch(() => {});

  if (logout) {
    logout.addEventListener("submit", (event) => {
      if (!navigator.onLine) return; // answers still waiting would be lost
      event.preventDefault();
      localStorage.removeItem(KEPT);
      // The app shell holds nothing personal.
      const pages = caches.keys().then((names) => Promise.all(names.filter((n) => !n.startsWith("limber-shell-")).map((n) => caches.delete(n))));
      Promise.allSettled([Q.clear(), pages]).finally(() => logout.submit());
    });
  }

  // A plain form without signal would end on the browser's error page.
  document.addEventListener("submit", (event) => {
    if (navigator.onLine || event.target.hasAttribute("hx-post")) return;
    event.preventDefault();
    flash(["This needs a connection. Nothing was sent: try again when you're back online."]);
  });

  // The session page's part (session-offline.js), on that page only.
  const page = self.LimberSessionOffline;
  let retry = 0;
  const catchUp = async () => {
    const had = (await Q.all()).length;
    if (navigator.onLine) {
      const mine = page ? (await page.waitingHere()).length : 0;
      // The sending code is fetched only when answers wait.
      if (had && !self.LimberReplay) {
        await new Promise((resolve, reject) => document.head.append(Object.assign(document.createElement("script"), { src: replay, onload: resolve, onerror: reject })));
      }
      const finished = !had || (await LimberReplay.replay(user, csrf()));
      // Signal without a server (a weak connection): try again in a while.
      clearTimeout(retry);
      retry = finished ? 0 : setTimeout(catchUp, 15000);
      const notes = await Q.takeNotes(user);
      if (notes.length) flash(notes);
      // Answers given while these were sent wait their turn: send them too.
      if (page && (await page.afterReplay(finished, notes, mine))) return catchUp();
    }
    if (page) await page.status(had > 0);
  };
  // For session-offline.js: an answer just kept tries the server again in a while.
  const retryLater = () => {
    if (navigator.onLine && !retry) retry = setTimeout(catchUp, 15000);
  };
  self.LimberOffline = { user, KEPT, flash, retryLater };

  if (user) {
    Q.remember({ user, csrf: csrf() }).catch(() => {});
    (page ? page.restore() : Promise.resolve()).then(catchUp).catch(() => {});
    window.addEventListener("online", catchUp);
    window.addEventListener("offline", () => page && page.status());
  }
}
