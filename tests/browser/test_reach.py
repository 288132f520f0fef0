"""What a visitor with a printer, high-contrast colours or weak sight gets from the pages."""

import pytest

from .conftest import OUTPUT_DIR
from .selfcheck import SCENARIOS, click_through

# Every control drawn by its background alone would vanish into the page in forced colours.
SHAPED_CONTROLS = [".phone-link", ".quick-exit", ".sc-call"]

_STYLE_JS = """
([selector, properties]) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const style = getComputedStyle(el);
  return Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
}
"""

# The colour a text or edge is seen against: the first ancestor (or itself) with a background.
_CONTRAST_JS = """
([selector, what]) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const rgb = (value) => value.match(/[\\d.]+/g).map(Number);
  const backdrop = (node) => {
    for (let n = node; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const lum = ([r, g, b]) => {
    const lin = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const style = getComputedStyle(el);
  const fore = rgb(what === 'edge' ? style.borderTopColor : style.color).slice(0, 3);
  const back = what === 'edge' ? backdrop(el.parentElement) : backdrop(el);
  const [a, b] = [lum(fore), lum(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
"""


def style_of(page, selector, *properties):
    return page.evaluate(_STYLE_JS, [selector, list(properties)])


def contrast(page, selector, what="text"):
    ratio = page.evaluate(_CONTRAST_JS, [selector, what])
    assert ratio is not None, f"{selector} is not on the page"
    return ratio


@pytest.fixture
def result_page(visitor):
    click_through(visitor, SCENARIOS["good-fit"])
    return visitor.page


def test_printing_a_result_keeps_each_box_and_heading_with_what_follows(result_page):
    page = result_page
    page.emulate_media(media="print")
    for selector in [".crisis", ".sc-paths li", ".sc-next"]:
        assert style_of(page, selector, "break-inside") == {"break-inside": "avoid"}, selector
    for selector in ["h1", "h2", "h3"]:
        assert style_of(page, selector, "break-after") == {"break-after": "avoid"}, selector
    pdf = page.pdf(format="Letter")
    assert pdf.startswith(b"%PDF-")
    OUTPUT_DIR.mkdir(exist_ok=True)
    (OUTPUT_DIR / "result-print.pdf").write_bytes(pdf)


def test_controls_drawn_by_colour_keep_a_visible_border_in_forced_colours(result_page):
    page = result_page
    page.emulate_media(forced_colors="active")
    for selector in SHAPED_CONTROLS:
        border = style_of(
            page, selector, "border-top-style", "border-top-width", "border-top-color"
        )
        assert border["border-top-style"] not in {"none", "hidden"}, (selector, border)
        assert float(border["border-top-width"].removesuffix("px")) >= 1, (selector, border)
        assert border["border-top-color"] not in {"transparent", "rgba(0, 0, 0, 0)"}, border


def test_leave_this_site_and_error_texts_reach_7_to_1_and_answer_boxes_3_to_1(visitor):
    visitor.open("/self-check/")
    page = visitor.page
    assert contrast(page, ".form-check", "edge") >= 3
    with page.expect_navigation():
        page.click("form.sc-form [type=submit]")
    assert contrast(page, ".quick-exit") >= 7
    assert contrast(page, ".sc-error-summary a") >= 7
    assert contrast(page, ".invalid-feedback") >= 7
    assert contrast(page, ".sc-has-error .form-check", "edge") >= 3
