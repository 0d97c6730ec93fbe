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
// A form sent back with its errors (400) by a fragment that asks for it (data-swap-errors,
// as a report's annexes): show the errors where the form was.
document.addEventListener("htmx:beforeSwap", (event) => {
  const showsErrors =
    event.detail.xhr.status === 400 && event.detail.elt.closest("[data-swap-errors]");
  if (event.detail.xhr.status === 429 || showsErrors) {
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

// A box that narrows a long list of checkboxes as one types (data-filter-list names the
// list; each entry carries data-filter-text): accents and case ignored, ticked ones kept.
// Applied on load too, to what was typed (or restored by the browser) before this ran.
const folded = (text) => text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
const narrowList = (box) => {
  const list = document.getElementById(box.dataset.filterList);
  if (!list) return;
  const wanted = folded(box.value.trim());
  for (const entry of list.querySelectorAll("[data-filter-text]")) {
    const ticked = entry.querySelector("input:checked") !== null;
    entry.hidden = !ticked && !folded(entry.dataset.filterText).includes(wanted);
  }
};
document.addEventListener("input", (event) => {
  const box = event.target.closest("[data-filter-list]");
  if (box) narrowList(box);
});
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll("[data-filter-list]")) {
    if (box.value) narrowList(box);
  }
});
