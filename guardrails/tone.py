"""The harsh-tone rule: belittling or harsh wording, with negations taken into account."""

from __future__ import annotations

import re

from guardrails import lexicon
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc, negated_before

LEX = "tone"
# A judgment is aimed at the candidate when "you/your" stands this close before it.
JUDGMENT_REACH = 50
_NEGATION = re.compile(r"\b(?:not|never|inte|aldrig|ej)\b|n[’']t\b")


def harsh_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return the spans of harsh or belittling wording, without overlaps."""
    if "harsh" not in doc.shared:
        doc.shared["harsh"] = _harsh_spans(doc)
    return doc.shared["harsh"]


def _harsh_spans(doc: Doc) -> list[tuple[int, int]]:
    spans = [
        (m.start(), m.end())
        for m in lexicon.pattern(LEX, "negatable").finditer(doc.lower)
        if not negated_before(doc, m.start(), window=4)
    ]
    spans += [(m.start(), m.end()) for m in lexicon.pattern(LEX, "always").finditer(doc.lower)]
    spans += [(m.start(), m.end()) for m in lexicon.pattern(LEX, "blunt").finditer(doc.lower)]
    spans += _judgments(doc)
    innocent = [(m.start(), m.end()) for m in lexicon.pattern(LEX, "allow_phrases").finditer(doc.lower)]
    spans = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in innocent)]
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _judgments(doc: Doc) -> list[tuple[int, int]]:
    """Return spans of blunt verdicts ("frankly weak") aimed at the candidate, not at a situation."""
    out = []
    you = lexicon.pattern(LEX, "second_person")
    for m in lexicon.pattern(LEX, "judgment").finditer(doc.lower):
        start = max(doc.sentence_at(m.start())[0], m.start() - JUDGMENT_REACH)
        before = list(you.finditer(doc.lower, start, m.start()))
        # "You were not really weak": a negation after the subject turns the verdict around.
        if before and not _NEGATION.search(doc.lower, before[-1].end(), m.start()):
            out.append((m.start(), m.end()))
    return out


def check_tone(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block belittling or harsh wording."""
    out = []
    for start, end in harsh_spans(doc):
        word = doc.text[start:end]
        out.append(
            violation(
                "harsh_tone",
                doc.say("harsh_tone", word=word),
                (start, end),
            )
        )
    return out
