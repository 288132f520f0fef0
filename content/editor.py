"""The rich-text editor staff use for page bodies (django-prose-editor, loaded from our server).

The editor's toolbar offers only what content/sanitize.py keeps, so what staff see while typing
is what visitors get. Sanitising still happens on the server when a page is saved.
"""

from csp.constants import NONCE, SELF
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import (
    AdminProseEditorWidget,
    prose_editor_admin_media,
    prose_editor_js,
)
from js_asset import Media, Script

PRESET = "iop"
EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
    # Links open in the same tab; the site adds its own rel attributes when saving.
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "History": True,
    # The browser's own spelling check stays on: staff rely on it.
    "NoSpellCheck": False,
}


class RichTextWidget(AdminProseEditorWidget):
    """The admin editor, started by our own script (see static/admin/js/rich-text.js).

    Our script differs from the packaged one in two ways: the editor's built-in styles come from
    a stylesheet instead of an inline <style> (which our CSP refuses), and pasted text from Word
    or Google Docs is reduced to paragraphs, headings and lists.
    """

    @property
    def media(self):
        return prose_editor_admin_media + Media(
            css={"all": ["admin/css/rich-text.css"]},
            js=[prose_editor_js, Script("admin/js/rich-text.js", type="module")],
        )


def rich_text_field(**kwargs):
    return ProseEditorFormField(
        config={"extensions": EXTENSIONS}, preset=PRESET, widget=RichTextWidget, **kwargs
    )


def allow_editor_scripts(request, response):
    """Let this one admin response run the editor's inline import map, by nonce.

    The import map is the only inline script; the policy everywhere else stays 'self' only.
    """
    media = response.context_data.get("media") if hasattr(response, "context_data") else None
    if isinstance(media, Media):
        response.context_data["media"] = media.with_nonce(request.csp_nonce)
        response._csp_update = {"script-src": [SELF, NONCE]}
    return response
