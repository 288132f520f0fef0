"""Allow-list cleaning of the HTML staff type into page bodies."""

from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "blockquote",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html):
    """Return `html` with everything outside the allow-list removed (scripts, handlers, styles)."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


# What staff are told was dropped, in their words rather than in HTML's.
CODE = "code that could run in a visitor's browser (scripts, forms or embedded content)"
FORMATTING = "formatting copied from another program (fonts, colours, sizes, spacing)"
TABLES = "tables (their text is kept, but not the rows and columns)"
PICTURES = "pictures inside the text (use the Picture field instead)"
BIG_HEADINGS = "top-level headings (the page title is the only one; use Heading 2 or 3)"
LINK_KINDS = "links that are not to a web page, an email address or a phone number"
COMMENTS = "hidden notes (comments)"
CODE_TAGS = {"script", "style", "iframe", "object", "embed", "form", "input", "button", "svg"}
CODE_TAGS |= {"textarea", "select", "frame", "frameset", "applet", "link", "meta", "base"}
TABLE_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col"}
PICTURE_TAGS = {"img", "picture", "figure", "figcaption", "video", "audio", "source"}
# Attributes the site or the editor writes itself: never a reason to warn anyone.
OWN_ATTRIBUTES = {"a": {"rel"}}


class _RemovedParts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = set()

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            if tag in CODE_TAGS:
                self.found.add(CODE)
            elif tag in TABLE_TAGS:
                self.found.add(TABLES)
            elif tag in PICTURE_TAGS:
                self.found.add(PICTURES)
            elif tag == "h1":
                self.found.add(BIG_HEADINGS)
            else:
                self.found.add(FORMATTING)
            return
        for name, value in attrs:
            if name in ALLOWED_ATTRIBUTES.get(tag, set()) | OWN_ATTRIBUTES.get(tag, set()):
                if name == "href" and value and ":" in value.split("/")[0]:
                    scheme = value.split(":", 1)[0].strip().lower()
                    if scheme not in ALLOWED_URL_SCHEMES:
                        self.found.add(CODE if scheme == "javascript" else LINK_KINDS)
            elif name.startswith("on"):
                self.found.add(CODE)
            else:
                self.found.add(FORMATTING)

    def handle_comment(self, data):
        self.found.add(COMMENTS)


def removed_parts(html):
    """Plain descriptions of what clean_html drops from `html`, so staff can be told."""
    parser = _RemovedParts()
    parser.feed(html or "")
    parser.close()
    return sorted(parser.found)
