// Collectief's small shared behaviour. No inline scripts: the CSP forbids them.

// What this app keeps in the browser (drafts) belongs to one person's login: every key starts
// with "collectief:<owner>:", the owner mark the server renders on <body> (an HMAC of the user
// and the session). Any other key of this app is removed at once: everything after logging out
// or after an expired session (no owner), another person's or another login's items otherwise.
window.Collectief = (function () {
  "use strict";

  var APP_PREFIXES = ["collectief:", "interviews-draft-"];
  var owner = document.body.getAttribute("data-storage-owner") || "";
  var ownPrefix = owner ? "collectief:" + owner + ":" : null;

  function isForeign(key) {
    var ours = APP_PREFIXES.some(function (prefix) { return key.indexOf(prefix) === 0; });
    return ours && (ownPrefix === null || key.indexOf(ownPrefix) !== 0);
  }

  [window.localStorage, window.sessionStorage].forEach(function (storage) {
    Object.keys(storage).filter(isForeign).forEach(function (key) {
      storage.removeItem(key);
    });
  });

  return {
    // The storage key of a named item for the person logged in; null when nobody is.
    storageKey: function (name) {
      return ownPrefix === null ? null : ownPrefix + name;
    },
  };
})();

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
