"""The false-promise rule: keeping the CV without consent, promised call-backs or future jobs."""

from __future__ import annotations

from guardrails import lexicon
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc, negated_before

LEX = "promises"


def check_promises(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block promises the employer cannot keep, unless the sentence asks for consent."""
    consent = lexicon.pattern(LEX, "consent")
    explicit = lexicon.pattern(LEX, "explicit")
    out = []
    seen: set[tuple[int, int]] = set()
    pattern = lexicon.pattern(LEX)
    pos = 0
    while (m := pattern.search(doc.lower, pos)) is not None:
        # Step one character on, not past the match: a negated match ("don't worry, we'll ...")
        # must not hide a real promise that overlaps it ("... call you first").
        pos = m.start() + 1
        sentence = doc.sentence_at(m.start())
        if sentence in seen or negated_before(doc, m.start(), window=2):
            continue
        # Consent may be asked in the same sentence or the next one ("... Vill du det?").
        following = [s for s in doc.sentences if s[0] >= sentence[1]][:1]
        end = following[0][1] if following else sentence[1]
        if consent.search(doc.lower, sentence[0], end) and not explicit.search(doc.lower, sentence[0], sentence[1]):
            continue  # "... om du vill" asks consent; "det kan jag lova" stays a promise
        seen.add(sentence)
        out.append(
            violation(
                "false_promise",
                doc.say("false_promise"),
                (m.start(), m.end()),
            )
        )
    return out
