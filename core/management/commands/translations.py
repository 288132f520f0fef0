"""Build and check the Spanish catalogues of interface text, in Python alone.

Django's makemessages and compilemessages need GNU gettext; `make run` must need only Python and
make, so Babel reads our sources and writes the .po and .mo files instead. Each app has its own
catalogue (<app>/locale/es/LC_MESSAGES/django.po), fed by its Python files and its folder under
templates/; the site-wide templates feed core's.

    manage.py translations update   add new texts to the .po files (empty) and drop gone ones
    manage.py translations compile  write the .mo files Django reads (git ignores them)
    manage.py translations check    fail unless every text is translated and the .mo is current
"""

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation.template import templatize

# Our apps, and the folders of templates/ whose text belongs to each. Admin templates are for
# staff, who use the admin in English.
CATALOGUES = {
    "core": {"python": ["core", "iop_site"], "templates": ["", "includes", "crispy_iop"]},
    "content": {"python": ["content"], "templates": ["content"]},
    "screening": {"python": ["screening"], "templates": ["screening"]},
    "program": {"python": ["program"], "templates": ["program"]},
}
LANGUAGE = "es"
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def _python_sources(base, folder):
    for path in sorted((base / folder).rglob("*.py")):
        if "migrations" not in path.parts and "management" not in path.parts:
            yield path


def _template_sources(base, folder):
    root = base / "templates" / folder
    # The top folder alone for "", so other apps' folders are not read twice.
    paths = root.glob("*.html") if folder == "" else root.rglob("*.html")
    yield from sorted(paths)


def extracted(app, base):
    """A catalogue of every text the app's sources mark for translation, in source order."""
    catalog = Catalog(locale=LANGUAGE, domain="django", fuzzy=False)
    spec = CATALOGUES[app]
    sources = [
        (path, path.read_bytes()) for f in spec["python"] for path in _python_sources(base, f)
    ]
    for folder in spec["templates"]:
        for path in _template_sources(base, folder):
            text = templatize(path.read_text(encoding="utf-8"), origin=str(path))
            # templatize() keeps each line's indentation, which Python's tokenizer would
            # reject; inside brackets indentation means nothing. Line numbers are off by one.
            sources.append((path, f"(\n{text}\n)".encode()))
    for path, source in sources:
        location = str(path.relative_to(base))
        for lineno, message, _comments, context in extract(
            "python", io.BytesIO(source), keywords=KEYWORDS, options={"encoding": "utf-8"}
        ):
            catalog.add(message, locations=[(location, lineno)], context=context)
    return catalog


def po_path(app, base):
    return base / app / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"


def read(path):
    if not path.exists():
        return Catalog(locale=LANGUAGE, domain="django", fuzzy=False)
    with path.open("rb") as f:
        return read_po(f, locale=LANGUAGE)


def merged(fresh, existing):
    """The fresh texts, each with the Spanish it already had (none of gettext's fuzzy guesses)."""
    catalog = Catalog(
        locale=LANGUAGE,
        domain="django",
        project="IOP site",
        version="1",
        header_comment="# Spanish interface text of the IOP site; `make messages` adds new texts.",
        last_translator="IOP site team",
        language_team="Spanish",
        fuzzy=False,
        creation_date=existing.creation_date,
        revision_date=existing.revision_date,
    )
    for message in fresh:
        if not message.id:
            continue
        old = existing.get(message.id, context=message.context)
        string = old.string if old and not old.fuzzy else ("", "") if message.pluralizable else ""
        catalog.add(
            message.id, string, locations=message.locations, context=message.context, flags=()
        )
    return catalog


def po_bytes(catalog):
    out = io.BytesIO()
    write_po(out, catalog, width=99, include_lineno=False)
    return out.getvalue()


def mo_bytes(catalog):
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def translated(message):
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not message.fuzzy and all(strings)


def problems(app, base):
    """What stops the app's catalogue being current and complete, in words."""
    path = po_path(app, base)
    existing = read(path)
    found = []
    fresh = {(m.id, m.context) for m in extracted(app, base) if m.id}
    kept = {(m.id, m.context) for m in existing if m.id}
    found += [f"{app}: not in the .po yet: {key[0]!r}" for key in sorted(fresh - kept, key=str)]
    found += [
        f"{app}: in the .po but no longer used: {key[0]!r}" for key in sorted(kept - fresh, key=str)
    ]
    for message in existing:
        if message.id and not translated(message):
            found.append(f"{app}: no Spanish yet: {message.id!r}")
    mo = path.with_suffix(".mo")
    if path.exists() and (not mo.exists() or mo.read_bytes() != mo_bytes(existing)):
        found.append(f"{app}: {mo.relative_to(base)} is older than the .po: run `make messages`")
    return found


def disagreements(base):
    """English texts that two catalogues translate differently: Django merges the catalogues
    and only one would show, so a page could read differently from what its .po says."""
    seen, found = {}, []
    for app in CATALOGUES:
        for message in read(po_path(app, base)):
            if not message.id or not translated(message):
                continue
            key = (message.id if isinstance(message.id, str) else message.id[0], message.context)
            if key in seen and seen[key][1] != message.string:
                found.append(
                    f"{app} and {seen[key][0]} translate {key[0]!r} differently: "
                    f"{message.string!r} and {seen[key][1]!r}"
                )
            seen.setdefault(key, (app, message.string))
    return found


class Command(BaseCommand):
    help = "Update, compile or check the Spanish catalogues of interface text."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["update", "compile", "check"])

    def handle(self, action, **options):
        base = Path(settings.BASE_DIR)
        if action == "check":
            found = [problem for app in CATALOGUES for problem in problems(app, base)]
            found += disagreements(base)
            if found:
                raise CommandError("The Spanish catalogues are not ready:\n" + "\n".join(found))
            self.stdout.write("The Spanish catalogues are current and complete.")
            return
        for app in CATALOGUES:
            path = po_path(app, base)
            if action == "update":
                catalog = merged(extracted(app, base), read(path))
                if len(catalog):
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(po_bytes(catalog))
                    missing = sum(1 for m in catalog if m.id and not translated(m))
                    self.stdout.write(
                        f"{path.relative_to(base)}: {len(catalog)} texts, {missing} without Spanish"
                    )
            elif path.exists():
                path.with_suffix(".mo").write_bytes(mo_bytes(read(path)))
