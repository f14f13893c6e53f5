"""How sure the language detector is that a note (or one point of it) is Swedish or English.

Notes mix languages; the composer leaves out what is plainly in the other language rather than paste it
or inflect it. Each caller keeps its own threshold (a whole reason, a listed point, a note to paste);
this module only asks lingua once per text.
"""

from __future__ import annotations

from functools import lru_cache

from guardrails.language import detector

_CODES = {"SWEDISH": "sv", "ENGLISH": "en"}


def other(language: str) -> str:
    """Return the other of the two letter languages."""
    return "en" if language == "sv" else "sv"


@lru_cache(maxsize=4096)
def confidence(text: str) -> dict[str, float] | None:
    """Return lingua's confidence per letter language ("sv", "en"), or None when lingua is not installed.

    Kept per text: a feedback point is read several times while a draft is composed and re-checked.
    """
    found = detector()
    if found is None:
        return None
    values = {_CODES.get(c.language.name): c.value for c in found.compute_language_confidence_values(text)}
    return {code: values.get(code, 0.0) for code in ("sv", "en")}
