"""The clear-decision rule: a rejection is stated, not left open and not contradicted by an offer."""

from __future__ import annotations

from guardrails import lexicon
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc

LEX = "decision"


def check_decision(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block a text from which the candidate cannot tell that they were not selected."""
    # An offer or a start date makes the letter contradictory whatever else it says.
    hired = lexicon.pattern(LEX, "hiring").search(doc.lower)
    if hired:
        return [
            violation(
                "no_clear_decision",
                doc.msg(
                    "Texten säger att kandidaten har fått jobbet; ta bort det och skriv tydligt att hen inte "
                    "går vidare.",
                    "The text says the candidate got the job; remove that and state clearly that they were "
                    "not selected.",
                ),
                doc.sentence_at(hired.start()),
            )
        ]
    # A letter that says the decision is still open is not a rejection, however polite.
    pending = lexicon.pattern(LEX, "undecided").search(doc.lower)
    if pending:
        return [
            violation(
                "no_clear_decision",
                doc.msg(
                    "Texten säger att beslutet inte är fattat; skicka beskedet först när det är klart att kandidaten "
                    "inte går vidare.",
                    "The text says no decision has been made; send the message once it is clear the candidate "
                    "was not selected.",
                ),
                doc.sentence_at(pending.start()),
            )
        ]
    if lexicon.pattern(LEX, "rejection").search(doc.lower):
        return []
    return [
        violation(
            "no_clear_decision",
            doc.msg(
                "Skriv tydligt att kandidaten inte går vidare, t.ex. att ni har valt en annan kandidat.",
                "State clearly that the candidate was not selected, e.g. that you chose another candidate.",
            ),
        )
    ]
