"""One address per page and language: English unprefixed, Spanish under /es/ (i18n_patterns).

A page's *twins* are the same page in each language: the same URL name and arguments (slugs
stay the same in both languages), reversed under each. The language switch, the hreflang
alternates and the sitemap link them; the caches and logs treat each twin as its own address.
"""

import contextlib
import re

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation

# Pages that exist only as the answer to one request: the same address in another language
# shows something else (the self-check's result is shown once, in answer to its POST).
NO_TWIN_URL_NAMES = {"screening:result"}
# Error pages are named after their status (404.html, 503_session.html): their address is the
# one that failed, so it has no twin worth linking.
ERROR_TEMPLATE = re.compile(r"\d{3}(_\w+)?\.html")
# Open Graph wants a territory too; the site serves people in the US.
LOCALES = {"en": "en_US", "es": "es_US"}


def language_of(path):
    """The language an address is in: from its prefix alone."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def resolve_in_its_language(path):
    """resolve(), whatever language this thread last served: i18n_patterns match only the
    active language's prefix, so /es/... would not resolve while English is active."""
    with translation.override(language_of(path)):
        return resolve(path)


def reverse_everywhere(name, **kwargs):
    """The address in every language the site answers in (one address when it has no prefixes)."""
    found = set()
    languages = [None]
    if is_language_prefix_patterns_used(settings.ROOT_URLCONF)[0]:
        languages = [code for code, _ in settings.LANGUAGES]
    for language in languages:
        with contextlib.suppress(NoReverseMatch), translation.override(language):
            found.add(reverse(name, kwargs=kwargs or None))
    return found


def twins(path):
    """{language: path} for the page at `path` in every language, or None if it has none."""
    try:
        match = resolve_in_its_language(path)
    except Resolver404:
        return None
    if match.view_name in NO_TWIN_URL_NAMES:
        return None
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                found[code] = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return None
    if len(set(found.values())) < len(found):
        return None  # an address outside i18n_patterns (the admin): one page for everyone
    return found


def home(language):
    with translation.override(language):
        return reverse("content:home")


def other_languages(path=None, error_page=False):
    """[(code, name, path)] of the links from this page to its twins in the other languages.

    Without a twin (an error page, a page with no request) each links its language's home.
    """
    current = translation.get_language()
    found = None if path is None or error_page else twins(path)
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        try:
            target = found[code] if found else home(code)
        except NoReverseMatch:
            target = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        links.append((code, name, target))
    return links
