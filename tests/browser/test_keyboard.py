from .helpers import PUBLIC_PAGES

# The focus ring from site.css: a 3px outline, or at least a box shadow, on whatever has focus.
_FOCUS_RING_JS = """
() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  return {
    name: `${el.tagName.toLowerCase()} ${(el.textContent || '').trim().slice(0, 30)}`,
    ring: outline || shadow,
    onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
  };
}
"""


def focused(page):
    return page.evaluate(_FOCUS_RING_JS)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(visitor):
    visitor.open("/what-is-iop/")
    page = visitor.page
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["name"].startswith("a Skip to main content")
    assert first["onScreen"] and first["ring"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def tab_through(page, limit=80):
    """Press Tab until focus leaves the page; the state of every stop on the way."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["name"].startswith("body"):
            return stops
        stops.append(state)
    raise AssertionError(f"focus never left the page after {limit} presses of Tab")


def test_every_tab_stop_on_the_public_pages_shows_a_focus_ring(visitor):
    for go in PUBLIC_PAGES.values():
        go(visitor)
        stops = tab_through(visitor.page)
        assert len(stops) >= 10, visitor.page.url
        assert [s for s in stops if not (s["ring"] and s["onScreen"])] == [], visitor.page.url
