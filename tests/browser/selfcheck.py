"""Drive the self-check in the browser, by mouse or by keyboard alone."""

from urllib.parse import urlsplit

# Answers that reach each outcome. Between them every step is seen for both audiences:
# "me" and "a loved one" each pass through the warning-signs follow-up.
SCENARIOS = {
    "good-fit": {
        "who": "me",
        "rather_not_live_in": "yes",
        "stepping_down": "no",
        "relapse": "not_sure",
        "detox": "completed",
    },
    "detox-first": {
        "who": "loved_one",
        "rather_not_live_in": "not_sure",
        "stepping_down": "no",
        "relapse": "yes",
        "detox": "not_sure",
        "warning_signs": ["shakes", "daily_heavy"],
    },
    "talk-it-through": {
        "who": "me",
        "rather_not_live_in": "no",
        "stepping_down": "not_sure",
        "relapse": "no",
        "detox": "not_sure",
        "warning_signs": ["none"],
    },
}
STEPS = ["who", "rather_not_live_in", "stepping_down", "relapse", "detox", "warning_signs"]
SUBMIT = "form.sc-form [type=submit]"

_FOCUS_JS = """
() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    classes: el.className,
    name: el.getAttribute('name'),
    type: el.getAttribute('type'),
    value: el.value,
    checked: !!el.checked,
    text: (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60),
    href: el.getAttribute('href'),
    formAction: el.form ? el.form.getAttribute('action') : null,
    inStartOver: !!el.closest('.sc-start-over'),
    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
      || style.boxShadow !== 'none',
    onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
  };
}
"""


def focus(page):
    """What has keyboard focus now, and whether it shows a focus ring on screen."""
    return page.evaluate(_FOCUS_JS)


def step_of(page, steps_seen):
    """Which step the page shows: a question step, "check" or "result"."""
    if page.locator("main[data-outcome]").count():
        return "result"
    if page.locator("form[action$='/self-check/result/']").count():
        return "check"
    path = urlsplit(page.url).path.rstrip("/")
    if path.endswith("/self-check"):
        return "who"
    # The warning-signs follow-up shares the detox address; it is the page with tick boxes.
    if page.locator("input[type=checkbox][name=answer]").count():
        return "warning_signs"
    return path.rsplit("/", 1)[-1]


def _answers_list(answer):
    return answer if isinstance(answer, list) else [answer]


def click_through(visitor, answers, on_page=None, error_at=None, start="/self-check/"):
    """Answer with the mouse (clicking the labels, as people do) up to the result.

    `on_page(name)` is called on every page: "who", each question, "error:<step>" for the
    page that refuses an empty answer at step `error_at`, "check" and "result". `start` is
    the self-check's start in the language to walk it in (/es/self-check/ for Spanish).
    """
    page = visitor.page
    visitor.open(start)
    seen = []
    while True:
        step = step_of(page, seen)
        seen.append(step)
        if on_page:
            on_page(step)
        if step == "result":
            return seen
        if step == "check":
            with page.expect_navigation():
                page.click("form[action$='/self-check/result/'] [type=submit]")
            continue
        if step == error_at and f"error:{step}" not in seen:
            with page.expect_navigation():
                page.click(SUBMIT)
            seen.append(f"error:{step}")
            if on_page:
                on_page(f"error:{step}")
        for value in _answers_list(answers[step]):
            page.click(f"label[for='{page.get_attribute(f'input[value={value}]', 'id')}']")
        with page.expect_navigation():
            page.click(SUBMIT)


def tab_to(page, is_target, stops, limit=40):
    """Press Tab until `is_target(focus)`; every stop passed is added to `stops`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focus(page)
        stops.append(state)
        if is_target(state):
            return state
    raise AssertionError(f"Tab never reached the target on {page.url}")


def keyboard_answer(page, answer, stops):
    """Choose an answer with the keyboard alone: Tab into the choices, arrows or Space."""
    wanted = _answers_list(answer)
    state = focus(page)
    if state["name"] != "answer":
        state = tab_to(page, lambda s: s["name"] == "answer", stops)
    if state["type"] == "radio":
        for _ in range(8):
            if state["value"] == wanted[0]:
                page.keyboard.press("Space")
                break
            page.keyboard.press("ArrowDown")
            state = focus(page)
            stops.append(state)
        assert page.is_checked(f"input[name=answer][value={wanted[0]}]")
    else:
        boxes = page.locator("input[name=answer]").count()
        for index in range(boxes):
            if state["value"] in wanted:
                page.keyboard.press("Space")
            if index < boxes - 1:
                page.keyboard.press("Tab")
                state = focus(page)
                stops.append(state)
        for value in wanted:
            assert page.is_checked(f"input[name=answer][value={value}]")


def press_enter_on(page, is_target, stops):
    tab_to(page, is_target, stops)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def is_submit(state):
    return (
        state["tag"] == "button"
        and state["type"] == "submit"
        and state["name"] != "back"
        and not state["inStartOver"]
    )
