"""Reading level of page text, to guide staff toward plain language (it never blocks a save).

English is graded with Flesch-Kincaid (a school grade: lower is easier), Spanish with Fernández
Huerta (a reading ease from 0 to 100: higher is easier; 80 and above reads as "fácil").
"""

import html
import re
from dataclasses import dataclass, field

import nh3
from textstat.textstat import textstatistics

TARGET_GRADE = 8
TARGET_EASE = 80
MAX_HARD_SENTENCES = 5
# Headings, list items and other pieces shorter than this are never graded on their own: the
# formula calls one long word ("Counseling") grade 20.
MIN_WORDS = 5

# Headings and list items often have no full stop; treat the end of each block as a sentence end.
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
BLOCK_MARK = "\u2029"
# Spanish questions and exclamations open with ¿ and ¡, and sentences may start with Á, É, Ñ...
SENTENCE_END = re.compile(
    r"(?<=[.!?])\s+(?=[\"'\u201c\u2018(\[\u00bf\u00a1]?[A-Z0-9\u00c1\u00c9\u00cd\u00d3\u00da\u00d1\u00dc])"
)

# One counter per language, each with its own hyphenation dictionary (shipped with pyphen, so
# grading needs no network). Separate objects rather than textstat.set_lang(), which would
# switch the language for every thread at once.
_COUNTERS = {"en": textstatistics(), "es": textstatistics()}
_COUNTERS["es"].set_lang("es")

# Fernández Huerta's usual bands, easiest first.
EASE_BANDS = [
    (90, "muy fácil"),
    (80, "fácil"),
    (70, "algo fácil"),
    (60, "normal"),
    (50, "algo difícil"),
    (30, "difícil"),
    (None, "muy difícil"),
]


def ease_band(ease):
    """The Spanish name of the Fernández Huerta band the ease falls in."""
    return next(name for low, name in EASE_BANDS if low is None or ease >= low)


@dataclass
class ReadingReport:
    """`grade` is the Flesch-Kincaid grade for English, the Fernández Huerta ease for Spanish."""

    grade: float | None
    hard_sentences: list[tuple[str, float]] = field(default_factory=list)
    language: str = "en"

    @property
    def too_hard(self):
        if self.grade is None:
            return False
        return self.grade < TARGET_EASE if self.language == "es" else self.grade > TARGET_GRADE

    @property
    def band(self):
        """For Spanish, the ease's band ("fácil", "normal"...); "" for English."""
        return ease_band(self.grade) if self.language == "es" and self.grade is not None else ""


def sentences_of(body_html):
    text = BLOCK_END.sub(BLOCK_MARK, body_html or "")
    text = html.unescape(nh3.clean(text, tags=set()))
    sentences = []
    for block in text.split(BLOCK_MARK):
        block = " ".join(block.split())
        sentences.extend(part.strip() for part in SENTENCE_END.split(block) if part.strip())
    return sentences


def score(text, language="en"):
    """Flesch-Kincaid grade (English) or Fernández Huerta ease (Spanish) of plain text."""
    if language == "es":
        return round(_COUNTERS["es"].fernandez_huerta(text), 1)
    return round(_COUNTERS["en"].flesch_kincaid_grade(text), 1)


def reading_report(body_html, language="en"):
    """The score of the whole text, and the sentences past the target, hardest first."""
    language = "es" if language == "es" else "en"
    sentences = sentences_of(body_html)
    if sum(len(sentence.split()) for sentence in sentences) < MIN_WORDS:
        return ReadingReport(grade=None, language=language)
    # Give each block a full stop so the formula counts it as a sentence of its own.
    punctuated = [s if s[-1] in ".!?" else f"{s}." for s in sentences]
    graded = [
        ReadingReport(score(text, language), language=language)
        for sentence, text in zip(sentences, punctuated, strict=True)
    ]
    hard = [
        (sentence, report.grade)
        for sentence, report in zip(sentences, graded, strict=True)
        if len(sentence.split()) >= MIN_WORDS and report.too_hard
    ]
    # Hardest first: the highest grade in English, the lowest ease in Spanish.
    hard.sort(key=lambda item: item[1], reverse=language == "en")
    return ReadingReport(
        grade=score(" ".join(punctuated), language),
        hard_sentences=hard[:MAX_HARD_SENTENCES],
        language=language,
    )
