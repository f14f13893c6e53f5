"""Language-aware word analysis: Snowball stems and Swedish compound heads.

One lexicon entry (a lemma) covers its inflections through the stem, and in Swedish every
compound whose head it is: "skada" covers "skadan", "skador" and "knäskadan", while
"åldersanalys" (head "analys") is not about "ålder". A compound is judged by its head.
"""

from __future__ import annotations

import threading
from functools import cache

import snowballstemmer

# Swedish heads are looked up at every split point that leaves a modifier at least this long.
MIN_MODIFIER = 3
# Shorter stems only match whole words: "ung" must not be the head of "kung" or "tung".
MIN_HEAD = 4
_STEMMERS = {"sv": "swedish", "en": "english"}
# A Snowball stemmer keeps the word it works on in itself: two threads sharing one garble each
# other's words (an IndexError mid-batch), so each thread gets its own.
_local = threading.local()


def _stemmer(language: str) -> snowballstemmer.stemmer:
    stemmers: dict[str, snowballstemmer.stemmer] = _local.__dict__.setdefault("stemmers", {})
    found = stemmers.get(language)
    if found is None:
        found = stemmers[language] = snowballstemmer.stemmer(_STEMMERS.get(language, "swedish"))
    return found


@cache
def stem(word: str, language: str) -> str:
    """Return the Snowball stem of a lowercase word (Swedish also loses the definite '-an')."""
    out: str = _stemmer(language).stemWord(word)
    # Snowball's Swedish keeps the definite form of -a nouns ("skadan", "kvinnan"); strip it so
    # "skadan" and "skada" share a stem.
    if language == "sv" and out == word and out.endswith("an") and len(out) >= 6:
        out = _stemmer(language).stemWord(out[:-1])
    return out


def parts(word: str) -> list[str]:
    """Return the parts of a hyphenated word, head last ("gender-neutral" -> gender, neutral)."""
    return [p for p in word.replace("’", "'").split("-") if p]


def head_splits(word_stem: str) -> list[tuple[int, str]]:
    """Return (offset, head) for every head a Swedish compound stem could end in, longest first."""
    return [(i, word_stem[i:]) for i in range(MIN_MODIFIER, len(word_stem) - MIN_HEAD + 1)]
