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

  // htmx does not swap error responses: tell the person instead of doing nothing.
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

  // After a swap, move focus to the new content's heading so that keyboard
  // and screen-reader users land where the change happened.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target) { return; }
    var heading = target.querySelector("[data-focus-on-swap]");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
      heading.focus();
    }
  });
  // tracking: a "Print this report" button.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });

})();
