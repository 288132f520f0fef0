"""What the browser tests share: the pages to visit and how to ask axe about them."""

from axe_playwright_python.sync_playwright import Axe

ARTICLE_SLUGS = ["what-is-iop", "who-is-iop-for", "benefits-of-iop"]

# axe-core's tags for every WCAG 2.0, 2.1 and 2.2 success criterion at level A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_axe = Axe()


def axe_violations(page):
    """axe-core's WCAG A/AA violations on the page as it is now, as readable lines."""
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in results.response["violations"]
    ]


def show_csrf_failure(visitor, start="/self-check/"):
    """Send the self-check's first form without its CSRF token, as an expired form would."""
    visitor.open(start)
    page = visitor.page
    page.evaluate("document.querySelector('.sc-form [name=csrfmiddlewaretoken]').remove()")
    page.click("label[for=id_answer_0]")
    with page.expect_navigation():
        page.click(".sc-form [type=submit]")


def _path(path):
    def go(visitor):
        response = visitor.open(path)
        return response.status

    return go


def _csrf(start="/self-check/"):
    def go(visitor):
        show_csrf_failure(visitor, start)
        return 403

    return go


def _pages(prefix=""):
    """Every public page a visitor can land on, in one language (name -> how to get there,
    returning the HTTP status). Spanish addresses are the English ones under /es."""
    return {
        "home": _path(f"{prefix}/"),
        **{slug: _path(f"{prefix}/{slug}/") for slug in ARTICLE_SLUGS},
        "not-found": _path(f"{prefix}/no-such-page/"),
        "csrf-failure": _csrf(f"{prefix}/self-check/"),
        "self-check-start": _path(f"{prefix}/self-check/"),
        **{
            name: _path(f"{prefix}/{name}/")
            for name in [
                "articles",
                "our-program",
                "questions-to-ask",
                "privacy",
                "accessibility",
                "editorial-policy",
            ]
        },
    }


PUBLIC_PAGES = {**_pages(), **{f"es-{name}": go for name, go in _pages("/es").items()}}
EXPECTED_STATUS = {
    f"{prefix}{name}": status
    for prefix in ["", "es-"]
    for name, status in {"not-found": 404, "csrf-failure": 403}.items()
}


# Everything a finger can activate that is smaller than 24 x 24 CSS pixels (WCAG 2.2, 2.5.8).
# A link inside a sentence is exempt, as in the criterion: its size is set by the line of text.
# A radio button or checkbox counts together with its label, which activates it too.
_SMALL_TARGETS_JS = """
() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  const small = [];
  const inSentence = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
    return block && block.textContent.trim().length > el.textContent.trim().length;
  };
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const rects = [el.getBoundingClientRect()];
    for (const label of el.labels || []) rects.push(label.getBoundingClientRect());
    const width = Math.max(...rects.map((r) => r.right)) - Math.min(...rects.map((r) => r.left));
    const height = Math.max(...rects.map((r) => r.bottom)) - Math.min(...rects.map((r) => r.top));
    if (width === 0 && height === 0) continue;
    if ((width < 24 || height < 24) && !inSentence(el)) {
      const name = (el.textContent || el.value || el.name || '').trim().slice(0, 40);
      const size = `${width.toFixed(1)}x${height.toFixed(1)}`;
      small.push(`${el.tagName.toLowerCase()}.${el.className} "${name}" ${size}`);
    }
  }
  return small;
}
"""

# Why the element is not wholly on the first screen, uncovered, or '' when it is.
_FIRST_SCREEN_JS = """
([selector, name]) => {
  const el = document.querySelector(selector);
  if (!el) return `no ${name} on the page`;
  const r = el.getBoundingClientRect();
  if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {
    return `${name} is outside the first screen: ${JSON.stringify(r)}`;
  }
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (!el.contains(hit)) return `${name} is covered by ${hit && hit.outerHTML.slice(0, 80)}`;
  return '';
}
"""

# Pairs of visible things that sit on top of each other. The things are elements with text of
# their own, form controls and images; one inside the other is not an overlap. Inline elements
# are compared line box by line box, so a link wrapping onto a second line is not flagged.
_OVERLAPS_JS = """
() => {
  const items = [];
  for (const el of document.body.querySelectorAll('*')) {
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!ownText && !el.matches('input:not([type=hidden]), select, textarea, button, img, svg')) {
      continue;
    }
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const rects = [...el.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
    if (rects.length) items.push({el, rects});
  }
  const name = (el) => {
    const text = (el.textContent || el.getAttribute('alt') || el.name || '').trim();
    return `<${el.tagName.toLowerCase()}> "${text.replace(/\\s+/g, ' ').slice(0, 30)}"`;
  };
  const overlaps = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const [a, b] = [items[i], items[j]];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const hit = a.rects.some((ra) => b.rects.some((rb) =>
        Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 1
        && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 1));
      if (hit) overlaps.push(`${name(a.el)} overlaps ${name(b.el)}`);
    }
  }
  return overlaps;
}
"""


def first_screen_problem(page, selector, name):
    """Why `selector` is not visible without scrolling, or '' when it is."""
    return page.evaluate(_FIRST_SCREEN_JS, [selector, name])


def overlaps(page):
    """Every pair of visible texts, controls or images drawn over one another, as lines."""
    return page.evaluate(_OVERLAPS_JS)


def small_tap_targets(page):
    return page.evaluate(_SMALL_TARGETS_JS)


def phone_link_problem(page):
    """Why the header's phone link is not visible without scrolling, or '' when it is."""
    return first_screen_problem(page, 'header a[href^="tel:"]', "phone link")


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the screen (0 when nothing scrolls sideways)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


def check_fits_phone(page):
    """Every phone-layout problem on the page, as readable lines (empty when it fits)."""
    problems = []
    overflow = horizontal_overflow(page)
    if overflow > 0:
        problems.append(f"scrolls sideways by {overflow}px")
    if problem := phone_link_problem(page):
        problems.append(problem)
    problems += [f"tap target under 24x24: {target}" for target in small_tap_targets(page)]
    return problems
