import struct

import pytest

from .conftest import DESKTOP, OUTPUT_DIR, PHONES
from .selfcheck import SCENARIOS, click_through

SCREENSHOT_DIR = OUTPUT_DIR / "screenshots"
SIZES = {"phone": PHONES["375x812"], "desktop": DESKTOP}


def png_width(path):
    with open(path, "rb") as image:
        header = image.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", header[16:20])[0]


def save_screenshot(visitor, name, size):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}-{size}.png"
    visitor.page.screenshot(path=path, full_page=True)
    assert png_width(path) == SIZES[size]["width"]
    return path


@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots_of_home_and_an_article_are_saved_for_people_to_look_at(visitor_factory, size):
    visitor = visitor_factory(viewport=SIZES[size])
    visitor.open("/")
    save_screenshot(visitor, "home", size)
    visitor.open("/who-is-iop-for/")
    save_screenshot(visitor, "article", size)


@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots_of_a_question_and_a_result_are_saved_for_people_to_look_at(
    visitor_factory, size
):
    visitor = visitor_factory(viewport=SIZES[size])

    def shoot(step):
        if step in ("stepping_down", "result"):
            save_screenshot(visitor, "result" if step == "result" else "question", size)

    click_through(visitor, SCENARIOS["good-fit"], on_page=shoot)
    assert (SCREENSHOT_DIR / f"result-{size}.png").exists()
