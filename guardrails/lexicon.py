"""Load the lexicon data files under guardrails/lexicons/ and compile their patterns once."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from guardrails.errors import GuardrailError


@cache
def load(name: str) -> dict[str, Any]:
    """Return the parsed lexicon file `lexicons/<name>.toml`, or raise `GuardrailError`."""
    try:
        raw = resources.files("guardrails.lexicons").joinpath(f"{name}.toml").read_bytes()
        return tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise GuardrailError(f"Guardrail lexicon '{name}' is missing.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise GuardrailError(f"Guardrail lexicon '{name}' is invalid: {exc}.") from None


def non_capturing(pattern: str) -> str:
    """Return a regex with every plain group made non-capturing (same matches).

    Python's `re` runs a long alternation of capturing groups several times slower; lexicon
    patterns never read their groups, so `(a|b)` becomes `(?:a|b)`.
    """
    opens = [i for i, ch, _ in _syntax(pattern) if ch == "(" and not pattern.startswith("?", i + 1)]
    pieces = [
        pattern[a:b] for a, b in zip([0, *(i + 1 for i in opens)], [*(i + 1 for i in opens), len(pattern)], strict=True)
    ]
    return "?:".join(pieces)


# An expansion copies the rest of the pattern once per alternative: at most this many characters in all,
# so the compiled alternation (and the first check in a process) stays small.
MAX_EXPANSION_CHARS = 100


def _syntax(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Yield (index, character, group depth before it) for each regex character outside escapes and classes."""
    depth = 0
    escaped = in_class = False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]" or pattern[i - 1] == "["
        elif ch == "[":
            in_class = True
        else:
            yield i, ch, depth
            depth += (ch == "(") - (ch == ")")


def _group_end(pattern: str) -> int:
    """Return the index just past the group that opens the pattern, or -1."""
    for i, ch, depth in _syntax(pattern):
        if ch == ")" and depth == 1:
            return i + 1
    return -1


def _top_level_split(body: str) -> list[str]:
    """Split a group's body at its top-level bars."""
    cuts = [i for i, ch, depth in _syntax(body) if ch == "|" and depth == 0]
    return [body[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(body)], strict=True)]


def expand_leading(pattern: str) -> list[str]:
    """Return a pattern that opens with a group of word alternatives as one pattern per alternative.

    `(?:din|hans)\\s+hälsa` becomes `din\\s+hälsa`, `hans\\s+hälsa`: the same matches, in the same order,
    but each alternative of the long lexicon alternation now opens with a letter, which Python's `re`
    rejects with one comparison instead of entering the group at every word.
    """
    if not pattern.startswith("(?:"):
        return [pattern]
    end = _group_end(pattern)
    if end < 0 or pattern[end : end + 1] in ("?", "*", "+", "{"):
        return [pattern]
    alternatives = _top_level_split(pattern[3 : end - 1])
    rest = len(pattern) - end
    if (len(alternatives) - 1) * rest > MAX_EXPANSION_CHARS or not all(a[:1].isalpha() for a in alternatives):
        return [pattern]
    return [a + pattern[end:] for a in alternatives]


def compile_any(patterns: list[str], *, ignore_case: bool = False, where: str = "lexicon") -> re.Pattern[str]:
    """Compile a list of regexes into one alternation (never matches when the list is empty).

    Lexicon patterns are lowercase and run on `Doc.lower` without IGNORECASE, which is several
    times faster in Python's `re`; pass ignore_case=True for patterns run on the original text.
    """
    if not patterns:
        return re.compile(r"(?!x)x")
    flags = re.MULTILINE | re.IGNORECASE if ignore_case else re.MULTILINE
    # One word-boundary test up front lets the scan skip mid-word positions quickly.
    patterns = [non_capturing(p) for p in patterns]
    at_word = [f"(?:{q})" for p in patterns if p.startswith(r"\b") for q in expand_leading(p[2:])]
    others = [f"(?:{p})" for p in patterns if not p.startswith(r"\b")]
    source = "|".join(([r"\b(?:" + "|".join(at_word) + ")"] if at_word else []) + others)
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise GuardrailError(f"A pattern in {where} does not compile: {exc}.") from None


@cache
def pattern(name: str, key: str = "patterns", ignore_case: bool = False) -> re.Pattern[str]:
    """Return the compiled alternation of one list in a lexicon file (run it on `Doc.lower`)."""
    data = load(name)
    values = data.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise GuardrailError(f"Guardrail lexicon '{name}': '{key}' must be a list of strings.")
    return compile_any(values, ignore_case=ignore_case, where=f"{name}.{key}")


@cache
def wordset(name: str, key: str) -> frozenset[str]:
    """Return a list of a lexicon file as a set of lowercase words."""
    values = load(name).get(key, [])
    return frozenset(str(v).lower() for v in values)
