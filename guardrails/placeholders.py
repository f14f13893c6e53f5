"""The placeholder rule: template fields and dummy text left in a draft."""

from __future__ import annotations

from guardrails import lexicon
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc

LEX = "placeholders"


def check_placeholders(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block every unfilled placeholder ([Namn], {name}, <company>, XXX, TODO, NN, Lorem ipsum)."""
    spans = [(m.start(), m.end()) for m in lexicon.pattern(LEX, "patterns").finditer(doc.lower)]
    spans += [(m.start(), m.end()) for m in lexicon.pattern(LEX, "case_sensitive").finditer(doc.text)]
    out = []
    last_end = -1
    for start, end in sorted(spans):
        if start < last_end:
            continue
        last_end = end
        field = doc.text[start:end]
        out.append(
            violation(
                "placeholder",
                doc.say("placeholder", field=field),
                (start, end),
            )
        )
    return out
