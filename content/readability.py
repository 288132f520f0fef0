"""Reading level of page text, to guide staff toward plain language (it never blocks a save)."""

import html
import re
from dataclasses import dataclass, field

import nh3
import textstat

TARGET_GRADE = 8
MAX_HARD_SENTENCES = 5
# Headings, list items and other pieces shorter than this are never graded on their own: the
# formula calls one long word ("Counseling") grade 20.
MIN_WORDS = 5

# Headings and list items often have no full stop; treat the end of each block as a sentence end.
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
BLOCK_MARK = "\u2029"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


@dataclass
class ReadingReport:
    grade: float | None
    hard_sentences: list[tuple[str, float]] = field(default_factory=list)

    @property
    def too_hard(self):
        return self.grade is not None and self.grade > TARGET_GRADE


def sentences_of(body_html):
    text = BLOCK_END.sub(BLOCK_MARK, body_html or "")
    text = html.unescape(nh3.clean(text, tags=set()))
    sentences = []
    for block in text.split(BLOCK_MARK):
        block = " ".join(block.split())
        sentences.extend(part.strip() for part in SENTENCE_END.split(block) if part.strip())
    return sentences


def _grade(text):
    return round(textstat.flesch_kincaid_grade(text), 1)


def reading_report(body_html):
    """Flesch-Kincaid grade of the whole text, and the sentences above the target, hardest first."""
    sentences = sentences_of(body_html)
    if sum(len(sentence.split()) for sentence in sentences) < MIN_WORDS:
        return ReadingReport(grade=None)
    # Give each block a full stop so the formula counts it as a sentence of its own.
    punctuated = [s if s[-1] in ".!?" else f"{s}." for s in sentences]
    hard = [
        (sentence, _grade(text))
        for sentence, text in zip(sentences, punctuated, strict=True)
        if len(sentence.split()) >= MIN_WORDS
    ]
    hard = sorted(
        (item for item in hard if item[1] > TARGET_GRADE), key=lambda item: item[1], reverse=True
    )
    grade = _grade(" ".join(punctuated))
    return ReadingReport(grade=grade, hard_sentences=hard[:MAX_HARD_SENTENCES])
