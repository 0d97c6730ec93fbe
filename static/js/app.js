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
