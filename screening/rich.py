"""Self-check wording that staff format with the page editor: same toolbar, same sanitiser."""

import re

from django.utils.html import escape

from content.sanitize import clean_html

# Text that starts with one of these blocks was written in the editor (or by the site).
_HTML_START = re.compile(r"\s*<(p|ul|ol|h2|h3|h4|blockquote)[\s>]", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n")

PROVIDER_NAME = "[provider name]"


def is_html(text):
    return bool(_HTML_START.match(text or ""))


def paragraphs(text):
    """Plain text with blank lines between paragraphs, as HTML paragraphs (like `linebreaks`)."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    return "\n\n".join(
        "<p>{}</p>".format(escape(part.strip()).replace("\n", "<br>"))
        for part in _BLANK_LINES.split(text)
    )


def as_rich(text):
    """Safe HTML for `text`: an old plain-text version keeps its paragraphs, then is cleaned."""
    return clean_html(text if is_html(text) else paragraphs(text))
