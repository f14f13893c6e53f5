"""The prompt-injection-echo rule: instructions, prompt sections or chat markers in a draft."""

from __future__ import annotations

from guardrails import lexicon
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc

LEX = "injection"


def check_injection(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block instructions, prompt section markers, role labels and chat-template tokens."""
    out = []
    last_end = -1
    for m in lexicon.pattern(LEX).finditer(doc.lower):
        if m.start() < last_end or m.end() == m.start():
            continue
        last_end = m.end()
        echo = m.group(0).strip()[:60]
        out.append(
            violation(
                "prompt_injection_echo",
                doc.say("prompt_injection_echo", echo=echo),
                (m.start(), m.end()),
            )
        )
    return out
