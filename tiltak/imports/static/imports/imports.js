// The upload form says that the document is being read while the request runs, and cannot be
// sent twice. Served as a file: the Content-Security-Policy allows no inline script.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-busy]")) {
    form.addEventListener("submit", () => {
      const button = form.querySelector("button[type=submit]");
      const progress = form.querySelector("progress");
      const status = form.querySelector("[data-busy-status]");
      // Disabled after the browser has taken the form's values; the button has no name to lose.
      window.setTimeout(() => {
        if (button) {
          button.disabled = true;
          button.textContent = button.dataset.busyText || button.textContent;
        }
      }, 0);
      if (progress) progress.hidden = false;
      if (status) status.textContent = form.dataset.busy;
      form.setAttribute("aria-busy", "true");
    });
  }
});
