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


def show_csrf_failure(visitor):
    """Send the self-check's first form without its CSRF token, as an expired form would."""
    visitor.open("/self-check/")
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


def _csrf(visitor):
    show_csrf_failure(visitor)
    return 403


# Every public page a visitor can land on (name -> how to get there, returning the HTTP status).
PUBLIC_PAGES = {
    "home": _path("/"),
    **{slug: _path(f"/{slug}/") for slug in ARTICLE_SLUGS},
    "not-found": _path("/no-such-page/"),
    "csrf-failure": _csrf,
    "self-check-start": _path("/self-check/"),
}
EXPECTED_STATUS = {"not-found": 404, "csrf-failure": 403}


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

_PHONE_LINK_JS = """
() => {
  const link = document.querySelector('header a[href^="tel:"]');
  if (!link) return 'no phone link in the header';
  const r = link.getBoundingClientRect();
  if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {
    return `phone link is outside the first screen: ${JSON.stringify(r)}`;
  }
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (!link.contains(hit)) return `phone link is covered by ${hit && hit.outerHTML.slice(0, 80)}`;
  return '';
}
"""


def small_tap_targets(page):
    return page.evaluate(_SMALL_TARGETS_JS)


def phone_link_problem(page):
    """Why the header's phone link is not visible without scrolling, or '' when it is."""
    return page.evaluate(_PHONE_LINK_JS)


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
