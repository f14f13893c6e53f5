"""The recruiter's words to the writer: how to put it, what to leave out, a point taken back.

A note's point "say it kindly", "keep it short and neutral — do NOT mention the references" or
"actually no, don't promise that" is not something to pass on: the drafter leaves such points out
(`without_directives`), the feedback rules do not ask a letter to carry them (`to_pass_on`), and the
same words in a letter are the writer's notes left in (`directive_spans`, rule prompt_scaffold).
Patterns are data: `lexicons/directives.toml`.
"""

from __future__ import annotations

import re
from functools import cache

from guardrails import lexicon
from guardrails.text import Doc

LEX = "directives"
# Where a note's points part: sentence ends, dashes, semicolons, commas and line breaks.
_POINT_CUT = re.compile(r"(?<=[.!?])\s+|\s+[-–—]\s+|;\s+|,\s+|\n+")


@cache
def _points(kind: str) -> re.Pattern[str]:
    """Return one kind of point pattern (directives, retractions, tails) of both languages: a note
    mixes them ("säg att hon ... — don't promise anything")."""
    data = lexicon.load(LEX)["points"]
    return lexicon.compile_any([p for lang in ("sv", "en") for p in data[lang][kind]], ignore_case=True)


def without_directives(points: list[str]) -> list[str]:
    """Return a note's points without the writer's directives; a retraction also drops the point before it."""
    kept: list[str] = []
    for point in points:
        point = _points("tails").sub("", point).strip(" .,;")
        if _points("retractions").search(point):
            if kept:
                kept.pop()
            continue
        if point and not _points("directives").search(point):
            kept.append(point)
    return kept


def to_pass_on(note: str) -> str:
    """Return what a note asks to pass on: the note itself, or without the writer's directives its
    remaining points joined."""
    points = [p.strip(" .,;") for p in _POINT_CUT.split(note) if p and p.strip(" .,;")]
    kept = without_directives(points)
    return note if kept == points else ". ".join(kept)


def directive_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return the spans of words to the writer left in a letter ("say it kindly", "nämn inte ...")."""
    return [(m.start(), m.end()) for m in lexicon.pattern(LEX, "letter").finditer(doc.lower)]
