/* Limber's service worker, served from the site root by config/pwa.py, which
   puts LIMBER (this deployment's file names and version) in front of it.
   The server stays the record: pages come from the network first. Only the
   app shell and the one open session page are kept, so a session carries on
   without signal; the answers it gives meanwhile wait in IndexedDB. */
"use strict";
importScripts(...LIMBER.scripts);

const SHELL = `limber-shell-${LIMBER.version}`;
// One page at most: the session being done now. Cleared on logout.
const PAGES = "limber-session-page";
const SESSION_PAGE = /^\/sessions\/\d+\/$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(LIMBER.shell))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("limber-shell-") && n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
      .then(() => self.clients.matchAll({ type: "window" }))
      .then((windows) => {
        // A session page opened before this worker ran: keep it too.
        const open = windows.map((w) => new URL(w.url).pathname).find((p) => SESSION_PAGE.test(p));
        return open && fetch(open).then((r) => r.ok && !r.redirected && keepSessionPage(new Request(open), r));
      })
      .catch(() => {}),
  );
});

// The session page holds health data and is sent no-store: it is the one
// page kept, and only the latest one, so a reload without signal resumes.
const keepSessionPage = async (request, response) => {
  const cache = await caches.open(PAGES);
  for (const old of await cache.keys()) await cache.delete(old);
  await cache.put(request, response);
};

const page = async (event) => {
  const { request } = event;
  const path = new URL(request.url).pathname;
  try {
    const response = await fetch(request);
    if (SESSION_PAGE.test(path) && response.ok && !response.redirected) {
      event.waitUntil(keepSessionPage(request, response.clone()));
    }
    return response;
  } catch {
    const kept = SESSION_PAGE.test(path) && (await caches.match(request, { cacheName: PAGES }));
    return kept || (await caches.match(LIMBER.offline, { cacheName: SHELL })) || Response.error();
  }
};

// Network first here too: hashed file names are answered by the browser's own
// cache at once, and a file changed in place is never served stale.
const shellFile = async (request) => {
  try {
    return await fetch(request);
  } catch {
    return (await caches.match(request, { cacheName: SHELL })) || Response.error();
  }
};

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") event.respondWith(page(event));
  else if (LIMBER.shell.includes(new URL(request.url).pathname)) event.respondWith(shellFile(request));
});

// Background Sync: the answers go to the server as soon as there is signal,
// even when the page was closed meanwhile.
self.addEventListener("sync", (event) => {
  if (event.tag === LimberStore.SYNC_TAG) event.waitUntil(LimberReplay.replayForLastPerson());
});
