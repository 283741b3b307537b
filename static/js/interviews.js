// The conversation form: keeps a draft in this browser, sends it when the connection is back,
// and never sends the same form twice (the server also refuses a repeated submission token).
(function () {
  "use strict";

  var SKIP = ["csrfmiddlewaretoken", "version"];

  function collect(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || SKIP.indexOf(element.name) !== -1) {
        return;
      }
      if (element.type === "checkbox" || element.type === "radio") {
        values[element.name] = values[element.name] || [];
        if (element.checked) {
          values[element.name].push(element.value);
        }
      } else if (element.tagName === "SELECT" && element.multiple) {
        values[element.name] = Array.prototype.filter
          .call(element.options, function (option) { return option.selected; })
          .map(function (option) { return option.value; });
      } else {
        values[element.name] = element.value;
      }
    });
    return values;
  }

  function restore(form, values) {
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || !(element.name in values)) {
        return;
      }
      var value = values[element.name];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = Array.isArray(value) && value.indexOf(element.value) !== -1;
      } else if (!Array.isArray(value)) {
        element.value = value;
      }
    });
  }

  function texts() {
    var node = document.getElementById("draft-texts");
    return node ? JSON.parse(node.textContent) : {};
  }

  document.addEventListener("DOMContentLoaded", function () {
    // A saved conversation page clears the draft of the form it came from.
    document.querySelectorAll("[data-draft-clear]").forEach(function (node) {
      var saved = window.Collectief.storageKey(node.getAttribute("data-draft-clear"));
      if (saved) {
        window.localStorage.removeItem(saved);
      }
    });

    var form = document.querySelector("form[data-draft-key]");
    // Drafts are kept only for a logged-in person, under a key of their own (collectief.js).
    var key = form && window.Collectief.storageKey(form.getAttribute("data-draft-key"));
    if (!key) {
      return;
    }
    var notice = document.getElementById("draft-notice");
    var message = notice.querySelector("[data-draft-message]");
    var button = form.querySelector("[data-submit-once]");
    var messages = texts();
    var stored = window.localStorage.getItem(key);
    var hasErrors = form.querySelector(".is-invalid, .alert-danger") !== null;

    // After a validation error the server already shows the typed text; don't offer old drafts.
    if (stored && !hasErrors) {
      message.textContent = messages.found || "";
      notice.classList.remove("d-none");
    }
    notice.querySelector("[data-draft-restore]").addEventListener("click", function () {
      restore(form, JSON.parse(stored));
      notice.classList.add("d-none");
    });
    notice.querySelector("[data-draft-discard]").addEventListener("click", function () {
      window.localStorage.removeItem(key);
      notice.classList.add("d-none");
    });

    function save() {
      window.localStorage.setItem(key, JSON.stringify(collect(form)));
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);

    var sending = false;
    form.addEventListener("submit", function (event) {
      save();
      if (!navigator.onLine) {
        event.preventDefault();
        message.textContent = messages.offline || "";
        notice.classList.remove("d-none");
        window.addEventListener("online", function () { form.requestSubmit(); }, { once: true });
        return;
      }
      if (sending) {
        event.preventDefault();
        return;
      }
      sending = true;
      button.setAttribute("disabled", "disabled");
      // The draft is removed by the page that confirms the save (data-draft-clear).
    });
  });
})();
