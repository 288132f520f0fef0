// The reading grade of the summary and page text, updated while staff type (it only advises).
(function () {
  "use strict";

  var WAIT_MS = 700;

  function csrfToken(field) {
    var token = field.form && field.form.querySelector("[name=csrfmiddlewaretoken]");
    return token ? token.value : "";
  }

  function show(note, report) {
    note.textContent = "";
    var summary = document.createElement("strong");
    summary.textContent = report.summary;
    note.appendChild(summary);
    if (report.hard.length) {
      var intro = document.createElement("div");
      intro.textContent = "The sentences that are hardest to read:";
      var list = document.createElement("ul");
      report.hard.forEach(function (line) {
        var item = document.createElement("li");
        item.textContent = line;
        list.appendChild(item);
      });
      note.appendChild(intro);
      note.appendChild(list);
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-reading-level]"), watch);
  }

  function watch(field) {
    var note = document.createElement("div");
    note.className = "help reading-live";
    note.id = field.id + "_reading";
    note.setAttribute("aria-live", "polite");
    (field.closest(".form-row") || field.parentNode).appendChild(note);
    var timer = null;
    var asked = 0;

    function check() {
      var mine = ++asked;
      var body = new URLSearchParams({ text: field.value });
      fetch(field.getAttribute("data-reading-level"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(field) },
        body: body,
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (report) {
          // An older answer arriving late must not replace a newer one.
          if (report && mine === asked) {
            show(note, report);
          }
        })
        .catch(function () {
          // Offline or signed out: the grade shows again after the next save.
        });
    }

    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, WAIT_MS);
    });
    if (field.value) {
      check();
    }
  }

  // Loaded in the page's head by the admin, before the form exists.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
