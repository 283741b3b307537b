// Collectief's small shared behaviour. No inline scripts: the CSP forbids them.
document.addEventListener("DOMContentLoaded", function () {
  // Ask before destructive actions marked with data-confirm.
  document.body.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // A table wider than a phone scrolls sideways: let keyboard users focus and scroll it too.
  document.querySelectorAll(".table-responsive").forEach(function (wrapper) {
    if (wrapper.scrollWidth > wrapper.clientWidth) {
      var caption = wrapper.querySelector("caption");
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
    }
  });
});
