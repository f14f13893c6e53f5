"""Text statistics shared by the scorers: words, sentences, content words, readability."""

from __future__ import annotations

import re

WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# A line break ends a sentence too: phone scripts are talking points without full stops.
SENTENCE_SPLIT_RE = re.compile(r"[.!?:;]+(?:\s|$)|\n+")
VOWELS_EN = re.compile(r"[aeiouy]+")

# Function words that say nothing about what the highlights are about.
_STOPWORDS_TEXT = """
och att det som en ett för med till på av den har var inte jag vi du dig din ditt dina er ni
han hon de dem sin sitt sina om från men när så här där hur vad kan ska vill har hade blev
varit vara är också mycket under efter innan mellan genom samt eller utan över vilket vilken
the and for with that this your you our are was were have has had from into about which who
their them they his her its also very more most such than then there these those what when
where while will would could should can may might been being over under after before during
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def words(text: str) -> list[str]:
    """Return the words of a text (letters, with inner hyphens and apostrophes)."""
    return WORD_RE.findall(text)


def sentences(text: str) -> list[str]:
    """Return the non-empty sentences (or talking-point lines) of a text."""
    return [s.strip() for s in SENTENCE_SPLIT_RE.split(text) if s and words(s)]


def stem(word: str) -> str:
    """Return a crude stem: Swedish and English inflect mostly at the end, so a prefix will do."""
    return word.lower()[:5]


def content_stems(text: str) -> set[str]:
    """Return the stems of the content words (4+ letters, not a stop word) of a text."""
    return {stem(w) for w in words(text) if len(w) >= 4 and w.lower() not in STOPWORDS}


def lix(text: str) -> float | None:
    """Return LIX (Swedish readability): words/sentences + 100 * long words (>6 letters)/words."""
    ws = words(text)
    ss = sentences(text)
    if not ws or not ss:
        return None
    long_words = sum(1 for w in ws if len(w) > 6)
    return round(len(ws) / len(ss) + 100 * long_words / len(ws), 1)


def syllables(word: str) -> int:
    """Return an English syllable estimate: vowel groups, minus a silent final e."""
    w = word.lower()
    count = len(VOWELS_EN.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def flesch(text: str) -> float | None:
    """Return Flesch reading ease (English): 206.835 - 1.015 words/sentence - 84.6 syllables/word."""
    ws = words(text)
    ss = sentences(text)
    if not ws or not ss:
        return None
    syl = sum(syllables(w) for w in ws)
    return round(206.835 - 1.015 * len(ws) / len(ss) - 84.6 * syl / len(ws), 1)


def readability(text: str, language: str) -> tuple[str, float | None]:
    """Return the readability metric for a language and its value: LIX for sv, Flesch for en."""
    if language == "sv":
        return "lix", lix(text)
    return "flesch", flesch(text)
