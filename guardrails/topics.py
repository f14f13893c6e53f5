"""Internal notes leaked by paraphrase: the letter speaks of what the notes are about.

A note's words can be told in entirely other words ("lönekrav 62k, budget max 52" as "dina förväntningar
på ersättning låg över det utrymme vi har"; "refs lukewarm" as "the conversations we had with people
you've worked with raised a few questions"). Word overlap misses these; topics do not. A topic leaks
when the internal notes raise it, a sentence of the letter speaks of it, and no field the letter may
use (highlights, reason, feedback) raises it. Topics are data: `lexicons/note_topics.toml`.
"""

from __future__ import annotations

import re
from functools import cache

from guardrails import lexicon
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc

LEX = "note_topics"
RULE = "leaks_internal_notes"


@cache
def _topics() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    data = lexicon.load(LEX)
    return tuple(
        (
            name,
            lexicon.compile_any(table["notes"], where=f"{LEX}.{name}.notes"),
            lexicon.compile_any(table["letter"], where=f"{LEX}.{name}.letter"),
        )
        for name, table in data.items()
    )


def leak_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return the sentences that speak of a topic only the internal notes raise."""
    if "note_topics" in doc.shared:
        return doc.shared["note_topics"]
    ctx = doc.context
    notes = (ctx.internal_notes or "").lower()
    usable = " \n ".join(p for p in (ctx.highlights, ctx.reason, ctx.feedback) if p).lower()
    found: list[tuple[int, int]] = []
    if notes:
        live = [letter for _, in_notes, letter in _topics() if in_notes.search(notes) and not letter.search(usable)]
        for a, b in doc.sentences:
            if any(p.search(doc.lower, a, b) for p in live):
                found.append((a, b))
    doc.shared["note_topics"] = found
    return found


def check_note_topics(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block a sentence that tells the candidate what the internal notes are about, in any words."""
    return [violation(RULE, doc.say(RULE), span) for span in leak_spans(doc)]
