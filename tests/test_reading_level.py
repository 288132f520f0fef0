"""Every sentence a visitor reads, from the starting content or a template, is grade 8 or lower."""

import re

import pytest
import textstat

from content.readability import TARGET_GRADE, sentences_of

from .site_pages import every_page

pytestmark = pytest.mark.django_db

MAIN = re.compile(r"<main\b.*?</main>", re.DOTALL)
HEADING = re.compile(r"<h([1-6])\b.*?</h\1>", re.DOTALL)
# A label, a button or a cell ends what it says, like a paragraph does.
BLOCK_CLOSE = re.compile(r"</(label|legend|button|dt|dd|div|td|th|summary)>")
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>", re.DOTALL)
# Headings and short list items or labels are not sentences the formula can judge fairly.
SHORTEST_SENTENCE_WORDS = 5


def visitor_sentences(page_html):
    match = MAIN.search(page_html)
    text = HIDDEN.sub("", match.group(0) if match else page_html)
    text = BLOCK_CLOSE.sub("</p>", HEADING.sub("", text))
    return [s for s in sentences_of(text) if len(s.split()) >= SHORTEST_SENTENCE_WORDS]


def test_every_sentence_on_every_page_reads_at_grade_8_or_lower(client):
    hard = {}
    for response in every_page(client).values():
        for sentence in visitor_sentences(response.content.decode()):
            punctuated = sentence if sentence[-1] in ".!?" else f"{sentence}."
            grade = round(textstat.flesch_kincaid_grade(punctuated), 1)
            if grade > TARGET_GRADE:
                hard[sentence] = grade
    report = [
        f"{grade:>5} {sentence}" for sentence, grade in sorted(hard.items(), key=lambda i: -i[1])
    ]
    assert report == [], "\n".join(report)
