// Each language's box is marked lang="en" / lang="es" by the server (core/translation_status.py),
// so the browser checks spelling and reads it aloud in that language. The rich-text editor draws
// its own box around the hidden textarea; give that box the textarea's language too.
(function () {
  "use strict";

  function copyLanguage() {
    var sources = document.querySelectorAll(
      "textarea.translation-en[lang], textarea.translation-es[lang]"
    );
    sources.forEach(function (source) {
      var wrapper = source.closest(".prose-editor");
      if (!wrapper) {
        return;
      }
      wrapper.querySelectorAll("[contenteditable]").forEach(function (box) {
        if (box.getAttribute("lang") !== source.lang) {
          box.setAttribute("lang", source.lang);
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    copyLanguage();
    var form = document.querySelector("#content-main form");
    if (form) {
      // The editor starts after this script (a module), and may redraw its box.
      new MutationObserver(copyLanguage).observe(form, { childList: true, subtree: true });
    }
  });
})();
