/* Answers given in a session without signal, kept in IndexedDB per person
   until the server has them (replay.js sends them). Used by the page
   (offline.js) and by the worker (sw.js). */
"use strict";

self.LimberStore = (() => {
  const A = "answers";
  const N = "notes"; // refusals waiting to be shown to their person
  const M = "meta"; // who is signed in here, for the worker
  let db = null;
  const open = () =>
    (db ||= new Promise((resolve, reject) => {
      const r = indexedDB.open("limber", 1);
      r.onupgradeneeded = () => {
        for (const name of [A, N]) r.result.createObjectStore(name, { keyPath: "id", autoIncrement: true });
        r.result.createObjectStore(M);
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    }));
  // One transaction; resolves with the last request's result once committed.
  const run = async (names, mode, work) => {
    const tx = (await open()).transaction(names, mode);
    const r = work(...names.map((n) => tx.objectStore(n)));
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve(r && r.result);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  };
  const all = (name = A) => run([name], "readonly", (s) => s.getAll());
  const drop = (ids, name = A) => ids.length && run([name], "readwrite", (s) => ids.map((id) => s.delete(id)).pop());
  const takeNotes = async (user) => {
    const mine = (await all(N)).filter((n) => n.user === user);
    await drop(mine.map((n) => n.id), N);
    return mine.map((n) => n.text);
  };
  return {
    SYNC_TAG: "limber-answers",
    all,
    drop,
    takeNotes,
    add: (entry) => run([A], "readwrite", (s) => s.add(entry)),
    waiting: async (user) => (await all()).filter((e) => e.user === user),
    note: (user, text) => run([N], "readwrite", (s) => s.add({ user, text })),
    person: () => run([M], "readonly", (s) => s.get("person")),
    remember: (person) => run([M], "readwrite", (s) => s.put(person, "person")),
    // Logout: nothing of this person stays on the device.
    clear: () => run([A, N, M], "readwrite", (...stores) => stores.map((s) => s.clear()).pop()),
  };
})();
