"""Text normalization shared by the rules: folding, tokens with offsets, sentences."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, overload

from guardrails.context import CheckContext

_T = TypeVar("_T")


class cached_attribute(Generic[_T]):
    """`functools.cached_property` without its lock.

    Python 3.11's holds one lock for a property across every instance, so threads checking
    different texts queue for each other's first `tokens`; a `Doc` is never shared between
    threads, so there is nothing to lock.
    """

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_attribute[_T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> cached_attribute[_T] | _T:
        if instance is None:
            return self
        value = self.func(instance)
        instance.__dict__[self.name] = value
        return value


WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# A sentence ends at . ! ? or a line break; bullets and blank lines also split.
SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


def lower_keep_length(text: str) -> str:
    """Return the text lowercased, character for character, so offsets still line up."""
    out = text.lower()
    if len(out) == len(text):
        return out
    # Rare characters (e.g. 'İ') grow when lowercased; keep them as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFD", ch)[0]
    return base if len(base) == 1 else ch


# Code point -> its folded character, filled as non-ASCII characters are first seen (str.translate table).
_FOLDED: dict[int, str] = {}


def fold(text: str) -> str:
    """Return the text lowercased and without diacritics, same length (å -> a, é -> e)."""
    low = lower_keep_length(text)
    if low.isascii():
        return low
    for ch in set(low):
        if ord(ch) not in _FOLDED and not ch.isascii():
            _FOLDED[ord(ch)] = _fold_char(ch)
    return low.translate(_FOLDED)


def words(text: str) -> list[str]:
    """Return the word tokens of a text."""
    return WORD_RE.findall(text)


def word_count(text: str) -> int:
    """Return how many words a text has."""
    return sum(1 for _ in WORD_RE.finditer(text))


@dataclass(frozen=True)
class Token:
    """One word with its offsets in the checked text."""

    text: str
    start: int
    end: int


@dataclass
class Doc:
    """A text prepared once for every rule: lowercase and folded views share offsets."""

    text: str
    context: CheckContext
    language: str  # the language lexicons are chosen for: the context's, else inferred
    message_language: str  # the language of messages: the context's, else English
    lower: str = field(init=False)
    folded: str = field(init=False)
    # Spans several rules share (criticism, harsh wording), computed once per text.
    shared: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lower = lower_keep_length(self.text)
        self.folded = fold(self.text)

    @cached_attribute
    def tokens(self) -> list[Token]:
        """Return every word with its offsets."""
        return [Token(m.group(0), m.start(), m.end()) for m in WORD_RE.finditer(self.text)]

    @cached_attribute
    def sentences(self) -> list[tuple[int, int]]:
        """Return (start, end) of every non-blank sentence or line."""
        spans = []
        for m in SENTENCE_RE.finditer(self.text):
            start, end = m.start(), m.end()
            chunk = m.group(0)
            stripped = chunk.strip()
            if not stripped:
                continue
            start += len(chunk) - len(chunk.lstrip())
            end = start + len(stripped)
            spans.append((start, end))
        return spans

    @cached_attribute
    def context_folded(self) -> str:
        """Return the folded role, company, highlights and names: words there are the recruiter's own."""
        ctx = self.context
        # Names too: a candidate called Faith or a recruiter called Christian is not a religion.
        parts = [ctx.role, ctx.company, ctx.highlights, ctx.candidate_name, ctx.recruiter_name]
        return fold(" \n ".join(p for p in parts if p))

    @cached_attribute
    def context_words(self) -> set[str]:
        """Return the folded words of the role, company, highlights and names."""
        return set(words(self.context_folded))

    @cached_attribute
    def own_folded(self) -> str:
        """Return the folded role, company and names: the only words a rule may take as given.

        Free-text fields (highlights, reason, feedback) are not exempt: a recruiter may type a
        discriminatory reason there, and the draft must not repeat it.
        """
        ctx = self.context
        parts = [ctx.role, ctx.company, ctx.candidate_name, ctx.recruiter_name]
        return fold(" \n ".join(p for p in parts if p))

    @cached_attribute
    def own_words(self) -> set[str]:
        """Return the folded words of the role, company and names."""
        return set(words(self.own_folded))

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """Return the sentence span that holds a character offset."""
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return pos, pos

    @cached_attribute
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def token_at(self, start: int, end: int) -> tuple[int, int]:
        """Widen a span to whole words (Swedish compounds are single tokens)."""
        text = self.text
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
            start -= 1
        while end < len(text) and (text[end].isalnum() or text[end] == "-"):
            end += 1
        return start, end

    def say(self, rule: str, key: str = "default", **fields: object) -> str:
        """Return a rule's message (from rules.toml) in the message language."""
        from guardrails.registry import message

        return message(rule, self.message_language, key, **fields)


NEGATIONS = frozenset(
    {
        "inte",
        "icke",
        "ej",
        "aldrig",
        "ingen",
        "inget",
        "inga",
        "not",
        "never",
        "no",
        "nor",
        "without",
        "utan",
        "cannot",
        "nothing",
        "ingenting",
        "none",
        "neither",
    }
)


def negated_before(doc: Doc, pos: int, window: int = 3) -> bool:
    """Return True when one of the few words before an offset is a negation."""
    before = WORD_RE.findall(doc.lower[max(0, pos - 60) : pos])[-window:]
    return any(w in NEGATIONS or w.endswith("n't") for w in before)
