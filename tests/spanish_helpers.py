"""Finds English interface words on a page that should be all Spanish.

Text inside an element marked lang="en" is skipped: that is staff text nobody has translated yet
(shown with a Spanish note) or the link to the English page. Everything else a visitor can see or
hear is read: text, and the title, aria-label, alt, placeholder and value attributes, the page
title and the meta description.
"""

import re
from html.parser import HTMLParser

# Common English words that are not also Spanish words ("me", "no", "a", "he", "has" are both).
ENGLISH_WORDS = frozenset(
    """
    the and you your yours this that these those with for from are is was were be been being
    of to in on at by an as it its if or but not our we they them their there here what when
    where who why how which can could will would should may must do does did done have had
    having get got need needs help call calls page pages step steps next back start started
    check answer answers question questions result results loved one ones site leave now yes
    about more other than then also just only into out up any all each every some many much
    people person someone something treatment program programs care outpatient intensive
    week weeks day days hour hours today right away free private quick quickly skip content
    main menu home articles privacy accessibility close open show hide print shortcut press
    twice sure maybe often again over after before while during because so very well good fit
    """.split()  # noqa: SIM905 (a word list reads better as prose than as 150 strings)
)
SPOKEN_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "value")
# Only these inputs show their value; a radio button's or a hidden field's value is data.
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}
SKIPPED_TAGS = {"script", "style", "template"}
VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, skipped) for each open element
        self.texts = []

    def _skipped(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # A part marked English is skipped; the page itself claiming English is not.
        marked_english = tag != "html" and (attrs.get("lang") or "").startswith("en")
        skipped = self._skipped() or tag in SKIPPED_TAGS or marked_english
        if not skipped:
            shows_value = tag == "input" and (attrs.get("type") or "").lower() in BUTTON_INPUT_TYPES
            self.texts += [
                attrs[name] or ""
                for name in SPOKEN_ATTRIBUTES
                if name in attrs and (name != "value" or shows_value)
            ]
            if tag == "meta" and attrs.get("name") == "description":
                self.texts.append(attrs.get("content") or "")
        if tag not in VOID_TAGS:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self._skipped():
            self.texts.append(data)


def english_words(html):
    """The English words a visitor of this Spanish page would meet, in page order."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    # Whole words, accented letters included: "días" is not "d" and "as".
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", " ".join(reader.texts))
    return [word for word in words if word.lower() in ENGLISH_WORDS]
