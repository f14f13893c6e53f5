"""What a request supports: the words, numbers and links of the fields a draft may use.

The meaning rules (grounding, fidelity) compare a draft with the request. Grounding sources are
every field a draft may draw on (names, role, company, highlights, reason, feedback), never the
internal notes or the chosen candidate: a draft that repeats those is a leak, not grounded.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache

from guardrails import lexicon
from guardrails.text import Doc, fold, words

LEX = "evidence"
# Content words are at least this long (shorter ones are mostly function words or too ambiguous).
MIN_CONTENT = 5
# Two words are the same word when they share a prefix this long and over three quarters of the
# shorter one ("nurse" ~ "nursing", "införa" ~ "införande"; not "investor" ~ "investment", not
# "qualitative" ~ "quantitative").
MIN_PREFIX = 4
PREFIX_SHARE = 0.76
_DIGITS = re.compile(r"\d+")


@cache
def generic_words() -> frozenset[str]:
    """Return the folded words that carry no claim of their own (function words, hiring vocabulary)."""
    data = lexicon.load("stopwords")["common"]
    extra = lexicon.load(LEX).get("generic", [])
    return frozenset(fold(str(w)) for w in [*data["sv"], *data["en"], *extra])


_ACRONYM = re.compile(r"\b[A-ZÅÄÖ]{2,6}\b")


def acronyms(text: str) -> set[str]:
    """Return the folded acronyms of a text ("WMS", "GMP")."""
    return {fold(a) for a in _ACRONYM.findall(text)}


def content_words(text: str) -> list[str]:
    """Return the folded content words of a text, in order (no function or generic words).

    Acronyms count whatever their length ("WMS", "GMP"): they name a specific skill.
    """
    skip = generic_words()
    short_ok = acronyms(text)
    return [
        w for w in words(fold(text)) if (len(w) >= MIN_CONTENT or _DIGITS.search(w) or w in short_ok) and w not in skip
    ]


def pool(text: str) -> frozenset[str]:
    """Return a passage's content words plus the initials of its word runs ("warehouse management
    system" also gives "wms"), so an acronym in the request matches its spelled-out form."""
    plain = words(fold(text))
    initials = {"".join(w[0] for w in plain[i : i + k]) for k in (2, 3, 4) for i in range(len(plain) - k + 1)}
    return frozenset(content_words(text)) | initials


def same_word(a: str, b: str) -> bool:
    """Return True when two folded words are inflections of one word (shared long prefix)."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < MIN_PREFIX:
        return False
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= MIN_PREFIX and n >= PREFIX_SHARE * shorter


# A pool word of this length or more also matches inside a compound (or the word inside it).
MIN_PART = 6


class WordIndex(frozenset[str]):
    """A pool of folded words, indexed so has_word needs no Python loop over the pool.

    Answers exactly what the scan answers: inflections share their first MIN_PREFIX letters, a word
    inside a long pool word is one substring test on the long words joined, and a long pool word
    inside the word is a set lookup per substring of the word.
    """

    _by_prefix: dict[str, tuple[str, ...]]
    _long: frozenset[str]
    _joined: str

    def __new__(cls, pool: Iterable[str]) -> WordIndex:
        index = super().__new__(cls, pool)
        by_prefix: dict[str, list[str]] = {}
        for w in index:
            by_prefix.setdefault(w[:MIN_PREFIX], []).append(w)
        index._by_prefix = {k: tuple(v) for k, v in by_prefix.items()}
        index._long = frozenset(w for w in index if len(w) >= MIN_PART)
        index._joined = "\0".join(index._long)  # words never hold NUL, so no match spans two of them
        return index

    def has(self, word: str) -> bool:
        """Return True when has_word(word, self) would: the same word, an inflection or a compound part."""
        if word in self or (word and word in self._joined):
            return True
        if any(same_word(word, w) for w in self._by_prefix.get(word[:MIN_PREFIX], ())):
            return True
        n = len(word)
        return any(word[i:j] in self._long for i in range(n - MIN_PART + 1) for j in range(i + MIN_PART, n + 1))


def has_word(word: str, pool: Collection[str]) -> bool:
    """Return True when a word (or an inflection of it, or a compound part) is in a pool of words."""
    if isinstance(pool, WordIndex):
        return pool.has(word)
    if word in pool:
        return True
    # Compounds: "ekonomifunktionen" is grounded by "ekonomi..." and "funktion..." is too weak, so a
    # pool word inside the word (or the word inside a pool word) of 6+ letters also counts.
    return any(same_word(word, w) or (len(w) >= MIN_PART and (w in word or word in w)) for w in pool)


@dataclass(frozen=True)
class Evidence:
    """The folded text and word pools of the request fields a draft may use."""

    text: str  # every usable field, folded, joined
    words: WordIndex  # all folded words of those fields
    highlights: frozenset[str]  # content words of the highlights
    reason: frozenset[str]  # content words of the reason
    feedback: frozenset[str]  # content words of the feedback
    own: frozenset[str]  # content words of the role, company and names

    def supports(self, word: str) -> bool:
        """Return True when a folded word is in (or inflects a word of) the usable fields.

        A hyphenated compound is supported when each part is ("WMS-erfarenhet" by "WMS-byten").
        """
        if has_word(word, self.words):
            return True
        parts = [p for p in word.split("-") if p]
        skip = generic_words()
        return len(parts) > 1 and all(p in skip or has_word(p, self.words) for p in parts)

    def contains(self, phrase: str) -> bool:
        """Return True when a phrase occurs, folded and with spaces normalised, in the usable fields."""
        return " ".join(fold(phrase).split()) in " ".join(self.text.split())


def _key(doc: Doc) -> tuple[str, ...]:
    ctx = doc.context
    return tuple(
        (getattr(ctx, f) or "")
        for f in ("candidate_name", "recruiter_name", "role", "company", "highlights", "reason", "feedback")
    )


@cache
def _build(key: tuple[str, ...]) -> Evidence:
    cand, rec, role, company, highlights, reason, feedback = key
    usable = " \n ".join(p for p in key if p)
    folded = fold(usable)
    return Evidence(
        text=folded,
        words=WordIndex(
            frozenset(words(folded)) | frozenset(p for w in words(folded) if "-" in w for p in w.split("-") if p)
        ),
        highlights=frozenset(content_words(highlights)),
        reason=frozenset(content_words(reason)),
        feedback=frozenset(content_words(feedback)),
        own=frozenset(content_words(" ".join((cand, rec, role, company)))),
    )


def evidence(doc: Doc) -> Evidence:
    """Return the evidence of a document's request (cached per distinct request)."""
    return _build(_key(doc))


def clause_spans(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Split a sentence span into clauses at commas, semicolons, dashes and 'but'/'men'."""
    out = []
    pos = start
    for m in lexicon.pattern(LEX, "clause_break").finditer(doc.lower, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out
