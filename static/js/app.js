/* Limber's script for every page; the guided session adds session.js. Behaviour
   hangs on data-* attributes; nothing inline, so the strict
   Content-Security-Policy holds. Every page works without it. */
"use strict";

{
  const flash = (text) => {
    const region = document.querySelector("[data-flash]");
    if (!region) return;
    const p = document.createElement("p");
    p.className = "message message-error";
    p.textContent = text;
    region.replaceChildren(p);
  };

  document.addEventListener("limber:flash", (event) => flash(event.detail));

  // htmx does not swap errors: say what happened instead.
  const errorWords = {
    503: "Limber is briefly unavailable. Nothing was lost: please try again in a few seconds.",
    403: "Your page had expired. Please reload it and try again.",
    404: "That item could not be found. Please reload the page.",
  };
  document.addEventListener("htmx:responseError", (event) => {
    const status = event.detail.xhr ? event.detail.xhr.status : 0;
    flash(errorWords[status] || "Something went wrong. Please reload the page and try again.");
  });
  document.addEventListener("htmx:sendError", (event) => {
    // A session page carries on by itself (static/js/offline.js).
    const elt = event.detail.elt;
    if (elt && elt.closest && elt.closest("[data-session-panel]") && document.getElementById("offline-session")) return;
    flash("No connection. Check your internet and try again: what you saved before is safe.");
  });

  // Escape closes the Menu and gives the focus back to its button.
  document.addEventListener("keydown", (event) => {
    const menu = event.key === "Escape" && document.querySelector(".nav-menu[open]");
    if (!menu) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });

  // After a swap, focus the new heading (keyboard and screen readers).
  document.addEventListener("htmx:afterSwap", (event) => {
    let target = event.detail.target;
    // An outerHTML swap replaces the target: find its successor.
    if (target && !target.isConnected && target.id) target = document.getElementById(target.id);
    if (!target) return;
    const heading = target.matches("[data-focus-on-swap]") ? target : target.querySelector("[data-focus-on-swap]");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  });

  // Sign-up: propose the browser's own time zone ...
  const zoneSelect = document.querySelector('select[data-time-zone="suggest"]');
  const zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zoneSelect && zone) {
    const known = Array.from(zoneSelect.options).some((o) => o.value === zone);
    if (!known) zoneSelect.add(new Option(zone.replace(/_/g, " "), zone), 0);
    zoneSelect.value = zone;
  }
  // ... and the country of that zone (each option lists its zones), unless
  // the person has already chosen one.
  const countrySelect = document.querySelector('select[data-country="suggest"]');
  if (countrySelect && zone && !countrySelect.value) {
    const match = Array.from(countrySelect.options).find((o) =>
      (o.getAttribute("data-zones") || "").split(" ").includes(zone),
    );
    if (match) countrySelect.value = match.value;
  }

  // tracking: a "Print this report" button.
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });
}
