"""What search engines and link previews learn about a page: canonical URL, tags, JSON-LD."""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from core.addresses import LOCALES, home, twins

# Search engines read this, visitors never see it: kept with the rest of the JSON-LD.
THERAPY_NAMES = {
    "en": "Intensive outpatient treatment (IOP)",
    "es": "Tratamiento en un programa intensivo ambulatorio (IOP)",
}
# Stop the data from closing its <script> element or opening a comment, as json_script does.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """JSON for a `<script type="application/ld+json">` data block, safe inside HTML."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))  # noqa: S308


def organization(site, home_url):
    from program.facts import organization_details

    data = {
        "@type": "MedicalClinic",
        "@id": f"{home_url}#organization",
        "name": site.provider_name,
        "url": site.website or home_url,
        "telephone": site.phone_href.removeprefix("tel:"),
        **organization_details(),
    }
    return data


def page_meta(request, site, page=None, title="", description=""):
    """Everything the `head` of a public page needs, worked out from objects already loaded.

    With `page`, an article; without, the page at request.path (the home page or a fixed page).
    """
    from program.facts import review_details

    language = translation.get_language()
    in_language = LOCALES[language].replace("_", "-")
    home_url = request.build_absolute_uri(reverse("content:home"))
    # One provider, whichever language describes it.
    org = organization(site, request.build_absolute_uri(home(settings.LANGUAGE_CODE)))
    image_url = image_alt = ""
    if page is None and request.path != reverse("content:home"):
        url = request.build_absolute_uri(request.path)
        described = {
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "name": title,
            "description": description,
            "inLanguage": in_language,
            "isPartOf": {"@id": f"{home_url}#website"},
            "publisher": {"@id": org["@id"]},
        }
    elif page is None:
        url = home_url
        described = {
            "@type": "WebSite",
            "@id": f"{home_url}#website",
            "url": home_url,
            "name": site.provider_name,
            "inLanguage": in_language,
            "publisher": {"@id": org["@id"]},
        }
    else:
        url = request.build_absolute_uri(page.get_absolute_url())
        fallback = page.image_fallback_url
        image_url = request.build_absolute_uri(fallback) if fallback else ""
        image_alt = page.image_alt if fallback else ""
        described = {
            "@type": "MedicalWebPage",
            "@id": url,
            "url": url,
            "name": page.title,
            "description": page.summary,
            "inLanguage": in_language,
            "isPartOf": {"@id": f"{home_url}#website"},
            "publisher": {"@id": org["@id"]},
            "about": {"@type": "MedicalTherapy", "name": THERAPY_NAMES[language]},
        }
        if page.updated_at:
            described["dateModified"] = page.updated_at.isoformat()
        described.update(review_details(page))
        if image_url:
            described["primaryImageOfPage"] = {"@type": "ImageObject", "url": image_url}
    return {
        "canonical_url": url,
        **language_alternates(request, url, language),
        "og_type": "article" if page else "website",
        "image_url": image_url,
        "image_alt": image_alt,
        "json_ld": json_ld({"@context": "https://schema.org", "@graph": [org, described]}),
    }


def language_alternates(request, url, language):
    """The hreflang links to the page in every language (x-default: English), and the locales
    Open Graph announces. The canonical address stays the page's own, in its own language."""
    found = twins(request.path_info) or {}
    alternates = [(code, request.build_absolute_uri(path)) for code, path in found.items()]
    if found:
        alternates.append(("x-default", request.build_absolute_uri(found[settings.LANGUAGE_CODE])))
    return {
        "alternates": alternates,
        "og_locale": LOCALES[language],
        "og_locale_alternates": [LOCALES[code] for code in found if code != language],
    }
