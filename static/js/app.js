// Behaviour lives here, never inline: the Content-Security-Policy forbids inline script.
document.addEventListener("DOMContentLoaded", () => {
  // Ask before destructive actions (buttons marked with data-confirm).
  document.body.addEventListener("submit", (event) => {
    const button = event.submitter;
    const message = button && button.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
});

// A refusal to queue more work (429) carries its reason as a fragment: show it where the
// progress would have gone (htmx swaps only 2xx responses by default).
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 429) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// A table wider than the window scrolls inside its box (.table-scroll): such a box takes the
// keyboard focus so that it can be scrolled without a mouse; one that fits does not.
function markScrollableTables() {
  document.querySelectorAll(".table-scroll").forEach((box) => {
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
    } else {
      box.removeAttribute("tabindex");
    }
  });
}
document.addEventListener("DOMContentLoaded", markScrollableTables);
window.addEventListener("resize", markScrollableTables);
document.addEventListener("htmx:afterSettle", markScrollableTables);
