from django.utils.functional import SimpleLazyObject

from . import facts


def program(request):
    # Lazy: most pages never touch them, and cached pages skip rendering altogether.
    return {
        "program": SimpleLazyObject(facts.current_program),
        "notice_links": SimpleLazyObject(facts.footer_links),
    }
