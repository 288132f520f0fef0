"""The pages people look at most, checked as laid out, and saved as screenshots for people too."""

import struct

import pytest

from .conftest import DESKTOP, OUTPUT_DIR, PHONES
from .helpers import first_screen_problem, horizontal_overflow, overlaps, phone_link_problem
from .selfcheck import SCENARIOS, click_through

SCREENSHOT_DIR = OUTPUT_DIR / "screenshots"
# The narrowest phone the site must work on, and a laptop.
SIZES = {"phone": PHONES["320x640"], "desktop": DESKTOP}


def png_width(path):
    with open(path, "rb") as image:
        header = image.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", header[16:20])[0]


def layout_problems(page):
    """What is wrong with the page as the screen shows it now (empty when nothing is)."""
    problems = []
    if (overflow := horizontal_overflow(page)) > 0:
        problems.append(f"scrolls sideways by {overflow}px")
    problems.append(phone_link_problem(page))
    problems.append(first_screen_problem(page, "main h1", "main heading"))
    problems += overlaps(page)
    return [problem for problem in problems if problem]


def check_and_save(visitor, name, size):
    """The page's layout problems; the whole page is saved to test-output/ for a person to see."""
    # As loaded: the first screen is the top of the page.
    problems = [f"{name}: {problem}" for problem in layout_problems(visitor.page)]
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}-{size}.png"
    visitor.page.screenshot(path=path, full_page=True)
    assert png_width(path) == SIZES[size]["width"], f"{name}: the page is wider than the screen"
    return problems


@pytest.mark.parametrize("size", list(SIZES))
def test_home_and_an_article_fit_with_phone_and_heading_on_the_first_screen_and_no_overlap(
    visitor_factory, size
):
    visitor = visitor_factory(viewport=SIZES[size])
    visitor.open("/")
    problems = check_and_save(visitor, "home", size)
    visitor.open("/who-is-iop-for/")
    problems += check_and_save(visitor, "article", size)
    assert problems == []


@pytest.mark.parametrize("size", list(SIZES))
def test_a_question_and_a_result_fit_with_phone_and_heading_on_the_first_screen_and_no_overlap(
    visitor_factory, size
):
    visitor = visitor_factory(viewport=SIZES[size])
    problems = []

    def check(step):
        if step in ("stepping_down", "result"):
            name = "result" if step == "result" else "question"
            problems.extend(check_and_save(visitor, name, size))

    seen = click_through(visitor, SCENARIOS["good-fit"], on_page=check)
    assert "stepping_down" in seen and seen[-1] == "result"
    assert problems == []


def test_the_layout_checks_notice_a_heading_pushed_down_and_text_on_top_of_text(visitor_factory):
    visitor = visitor_factory(viewport=SIZES["phone"])
    visitor.open("/")
    assert layout_problems(visitor.page) == []
    # Styles set through the DOM, which a strict Content-Security-Policy still allows.
    visitor.page.evaluate(
        """() => {
          Object.assign(document.querySelector('main h1').style, {marginTop: '900px'});
          const phone = document.querySelector('header a[href^="tel:"]');
          const exit = document.querySelector('.quick-exit');
          const r = exit.getBoundingClientRect();
          Object.assign(phone.style,
            {position: 'fixed', top: `${r.top}px`, left: `${r.left}px`, zIndex: '5'});
        }"""
    )
    problems = layout_problems(visitor.page)
    assert any(
        problem.startswith("main heading is outside the first screen") for problem in problems
    )
    assert any("overlaps" in problem for problem in problems)
