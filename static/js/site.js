// "Leave this site quickly": one click, or Esc twice, swaps this page for a neutral one.
// location.replace keeps the current page out of the back history.
(function () {
  "use strict";
  var exitLink = document.querySelector("[data-quick-exit]");
  if (!exitLink) {
    return;
  }

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.body.hidden = true;
    // In the page's language, from the template: a neutral name for the tab while it goes.
    document.title = exitLink.getAttribute("data-quick-exit-title") || "";
    window.location.replace(exitLink.href);
  }

  exitLink.addEventListener("click", leave);

  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var now = Date.now();
    if (now - lastEscape < 800) {
      leave(event);
    }
    lastEscape = now;
  });
})();
