/* A private link shown once (templates/tracking/_link_shown_once.html, which
   loads this file): the whole address is selected when focused, and "Copy the
   link" copies it. Without this script the address is there to copy by hand. */
"use strict";

{
  for (const field of document.querySelectorAll("[data-select-all]")) {
    field.addEventListener("focus", () => field.select());
    if (document.activeElement === field) field.select();
  }
  for (const button of document.querySelectorAll("[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", () =>
      navigator.clipboard.writeText(field.value).then(
        () => (button.textContent = "Copied"),
        () => field.focus(), // still selected: the person copies it by hand
      ),
    );
  }
}
