// Staff never lose typing in an admin form:
// - leaving a form with unsaved changes asks first;
// - what was typed is kept in this tab (sessionStorage) when Save is pressed, and put back if
//   the save bounced to the sign-in page because the sign-in had lapsed;
// - fields with a length limit count as you type, and nothing is cut off when pasting.
(function () {
  "use strict";

  var STORE_KEY = "iop-admin-unsaved-form";
  var KEEP_FOR_MS = 12 * 60 * 60 * 1000;
  var SKIPPED = { csrfmiddlewaretoken: true, _save_draft: true, _discard_draft: true };

  function readStore() {
    try {
      return JSON.parse(window.sessionStorage.getItem(STORE_KEY) || "null");
    } catch (error) {
      return null;
    }
  }

  function writeStore(value) {
    try {
      if (value) {
        window.sessionStorage.setItem(STORE_KEY, JSON.stringify(value));
      } else {
        window.sessionStorage.removeItem(STORE_KEY);
      }
    } catch (error) {
      // Storage full or switched off: the warning before leaving still protects the typing.
    }
  }

  // A page saying a save worked means the kept copy is no longer needed.
  if (document.querySelector(".messagelist .success")) {
    writeStore(null);
  }

  var form = document.querySelector("#content-main form[id$='_form']");
  if (!form) {
    return;
  }

  function fieldsOf() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || SKIPPED[field.name] || field.type === "file" || field.type === "submit") {
        return;
      }
      if (field.type === "checkbox" || field.type === "radio") {
        values[field.name + "\u0000" + field.value] = field.checked;
      } else {
        values[field.name] = field.value;
      }
    });
    return values;
  }

  function restore(values) {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || SKIPPED[field.name] || field.type === "file") {
        return;
      }
      if (field.type === "checkbox" || field.type === "radio") {
        var key = field.name + "\u0000" + field.value;
        if (key in values) {
          field.checked = values[key];
        }
      } else if (field.name in values) {
        field.value = values[field.name];
      }
    });
  }

  function showNotice(text) {
    var notice = document.createElement("p");
    notice.className = "errornote";
    notice.setAttribute("role", "status");
    notice.textContent = text;
    form.parentNode.insertBefore(notice, form);
  }

  var dirty = false;
  var kept = readStore();
  var referrer = document.referrer ? new URL(document.referrer) : null;
  var cameFromSignIn =
    referrer !== null &&
    referrer.origin === window.location.origin &&
    /\/login\/$/.test(referrer.pathname);
  if (kept && kept.path === window.location.pathname && Date.now() - kept.time < KEEP_FOR_MS) {
    if (cameFromSignIn) {
      restore(kept.fields);
      dirty = true;
      showNotice(
        "You had to sign in again before your changes were saved. What you typed has been " +
          "put back below: check it, then press Save. (A chosen picture must be chosen again.)"
      );
    }
    writeStore(null);
  }

  form.addEventListener("input", function () {
    dirty = true;
  });
  form.addEventListener("change", function () {
    dirty = true;
  });
  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    // Preview opens in a new tab; this tab keeps its form and its warning.
    if (submitter && submitter.getAttribute("formtarget") === "_blank") {
      return;
    }
    dirty = false;
    writeStore({ path: window.location.pathname, time: Date.now(), fields: fieldsOf() });
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    }
  });

  // Live counters for length limits; the limit is checked on the server with a clear message,
  // so a long paste stays whole for the writer to shorten.
  Array.prototype.forEach.call(form.querySelectorAll("[data-max-length]"), function (field) {
    var limit = parseInt(field.getAttribute("data-max-length"), 10);
    var counter = document.createElement("div");
    counter.className = "help char-count";
    counter.id = field.id + "_count";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    function update() {
      var used = field.value.length;
      if (used > limit) {
        counter.textContent = used - limit + " characters too many (the limit is " + limit + ")";
        counter.classList.add("char-count-over");
      } else {
        counter.textContent = used + " of " + limit + " characters";
        counter.classList.remove("char-count-over");
      }
    }
    field.addEventListener("input", update);
    update();
  });
})();
