// Collectief's small shared behaviour. No inline scripts: the CSP forbids them.
document.addEventListener("DOMContentLoaded", function () {
  // Ask before destructive actions marked with data-confirm.
  document.body.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
});
