"""The clear-decision rule: a rejection is stated, not left open and not contradicted by an offer."""

from __future__ import annotations

from guardrails import lexicon
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc

LEX = "decision"
# A negation or regret cue this close to a hiring object (same sentence) states a decision.
CUE_WINDOW = 80


def _clear_sentence(doc: Doc, start: int, end: int) -> bool:
    """Return True when one sentence states a decision in words the fixed phrases do not know."""
    low = doc.lower
    if lexicon.pattern(LEX, "other_choice").search(low, start, end):
        return True
    if lexicon.pattern(LEX, "cased_choice").search(doc.text, start, end):
        return True
    # "Not yet" keeps the matter open; the undecided phrases decide whether that blocks.
    if lexicon.pattern(LEX, "open_words").search(low, start, end):
        return False
    idioms = [(m.start(), m.end()) for m in lexicon.pattern(LEX, "cue_idioms").finditer(low, start, end)]
    cues = [
        m.start()
        for m in lexicon.pattern(LEX, "cue").finditer(low, start, end)
        if not any(a <= m.start() < b for a, b in idioms)
    ]
    if not cues:
        return False
    objects = [m.start() for m in lexicon.pattern(LEX, "object").finditer(low, start, end)]
    return any(abs(c - o) <= CUE_WINDOW for c in cues for o in objects)


def states_decision(doc: Doc) -> bool:
    """Return True when the text says, in fixed phrases or loose cues, that the candidate was not chosen."""
    if lexicon.pattern(LEX, "rejection").search(doc.lower):
        return True
    return any(_clear_sentence(doc, start, end) for start, end in doc.sentences)


def check_decision(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block a text from which the candidate cannot tell that they were not selected."""
    # An offer or a start date makes the letter contradictory whatever else it says.
    hired = lexicon.pattern(LEX, "hiring").search(doc.lower)
    if hired:
        return [
            violation(
                "no_clear_decision",
                doc.say("no_clear_decision", "hired"),
                doc.sentence_at(hired.start()),
            )
        ]
    # A letter that says the decision is still open is not a rejection, however polite.
    pending = lexicon.pattern(LEX, "undecided").search(doc.lower)
    if pending:
        return [
            violation(
                "no_clear_decision",
                doc.say("no_clear_decision", "undecided"),
                doc.sentence_at(pending.start()),
            )
        ]
    if states_decision(doc):
        return []
    return [
        violation(
            "no_clear_decision",
            doc.say("no_clear_decision"),
        )
    ]
