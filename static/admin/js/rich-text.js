// Starts the page-text editor on every textarea marked by content/editor.py.
// Like django-prose-editor's own "configurable" preset, with two changes: no inline <style>
// (our CSP refuses it; rich-text.css carries those rules), and pasted documents are reduced to
// what the site keeps.
import * as prose from "django-prose-editor/editor";

const MARKER = "data-django-prose-editor-iop";

// Word and Google Docs put the document's structure in markup the editor does not know:
// big headings, tables, and Word's lists, which are paragraphs with a bullet typed in.
function simplifyPastedHtml(html) {
  // Parsing style blocks and attributes, even in a detached document, counts as applying inline
  // styles under our CSP (and is reported). They are renamed first: Word's list marks live there.
  const safer = html
    .replace(/<style[\s\S]*?<\/style>/gi, "")
    .replace(/(<[a-z][^>]*?\s)style=/gi, "$1data-pasted-style=");
  const doc = new DOMParser().parseFromString(safer, "text/html");
  doc.querySelectorAll("script, meta, link, title, xml").forEach((el) => el.remove());
  doc.querySelectorAll("h1").forEach((el) => renameElement(el, "h2"));
  doc.querySelectorAll("h4, h5, h6").forEach((el) => renameElement(el, "h3"));
  doc.querySelectorAll("td, th, caption").forEach((el) => renameElement(el, "p"));
  joinWordLists(doc);
  doc.querySelectorAll("[data-pasted-style]").forEach((el) => el.removeAttribute("data-pasted-style"));
  return doc.body.innerHTML;
}

function renameElement(el, tagName) {
  const replacement = el.ownerDocument.createElement(tagName);
  while (el.firstChild) {
    replacement.appendChild(el.firstChild);
  }
  el.replaceWith(replacement);
  return replacement;
}

function isWordListItem(el) {
  return (
    el.tagName === "P" &&
    (/MsoListParagraph/.test(el.className) ||
      /mso-list:/.test(el.getAttribute("data-pasted-style") || ""))
  );
}

function joinWordLists(doc) {
  let list = null;
  doc.querySelectorAll("p").forEach((paragraph) => {
    if (!isWordListItem(paragraph)) {
      list = null;
      return;
    }
    // Word writes the bullet or number itself inside a span marked mso-list:Ignore.
    const marker = paragraph.querySelector("[data-pasted-style*='mso-list:Ignore' i]");
    const markerText = marker ? marker.textContent.trim() : "";
    if (marker) {
      marker.remove();
    }
    const numbered = /^[0-9a-zA-Z]+[.)]$/.test(markerText);
    const wanted = numbered ? "OL" : "UL";
    if (!list || list.tagName !== wanted || list.nextElementSibling !== paragraph) {
      list = doc.createElement(wanted.toLowerCase());
      paragraph.before(list);
    }
    const item = doc.createElement("li");
    while (paragraph.firstChild) {
      item.appendChild(paragraph.firstChild);
    }
    paragraph.remove();
    list.appendChild(item);
  });
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) {
    return null;
  }
  const config = JSON.parse(textarea.getAttribute(MARKER) || "{}");
  const extensions = Object.entries(config.extensions || {})
    .filter(([name]) => prose[name])
    .map(([name, options]) =>
      typeof options === "object" ? prose[name].configure(options) : prose[name],
    );
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = prose.crel("div", { className: disabled ? "prose-editor disabled" : "prose-editor" });
  textarea.before(wrapper);
  wrapper.append(textarea);
  const editor = new prose.Editor({
    element: wrapper,
    editable: !disabled,
    extensions,
    content: textarea.value,
    injectCSS: false,
    editorProps: { transformPastedHTML: simplifyPastedHtml },
    onUpdate({ editor: current }) {
      const html = current.getHTML();
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onDestroy() {
      wrapper.before(textarea);
      wrapper.remove();
    },
  });
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }),
  );
  return editor;
}

prose.initializeEditors(createEditor, `[${MARKER}]`);
