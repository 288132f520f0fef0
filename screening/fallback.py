"""Staff wording that a Spanish page shows in English, because its Spanish is not written yet.

Such a text is an InEnglish string: it renders itself inside lang="en" wherever a template
prints it (so screen readers say it in English), and the page adds the short Spanish note.
"""

from django.conf import settings
from django.utils.html import format_html

from core.languages import shown_in_english

from . import vocabulary as v


class InEnglish(str):
    """A staff text shown in English on a page in another language."""

    def __html__(self):
        # Templates and format_html() call this instead of escaping, so even a template that
        # knows nothing of the fallback (crispy's field label) marks the language.
        return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, str(self))


def worded(record, who):
    """record.worded_for(who), with every text that shows the English fallback an InEnglish."""
    suffix = "_loved_one" if who == v.LOVED_ONE else "_me"
    return {
        name: InEnglish(text) if text and shown_in_english(record, name + suffix) else text
        for name, text in record.worded_for(who).items()
    }


def any_in_english(*texts):
    """Whether the page should say that part of it is only in English for now."""
    return any(isinstance(text, InEnglish) for text in texts)
