"""The prompt-scaffold rule: the prompt's field labels, headings or fillers in the output.

A base model that loses its way continues the prompt instead of the letter: "Kandidat: ...",
"Skäl: ..." (often glued to the line before, "AktiebolagSkälen: ..."), a "### Mejl" heading, or
a numbered dump of the fields, each followed by content it made up. The recruiter's words to the
writer ("say it kindly", "do NOT mention the references") pasted from a note are scaffolding too.
"""

from __future__ import annotations

import re
from functools import cache

from guardrails import lexicon
from guardrails.directives import directive_spans
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.rule_data import say
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc

LEX = "scaffold"
RULE = "prompt_scaffold"
# What may stand between a line start and a label: a bullet or list number.
_LEAD = re.compile(r"(?:^|\n)[ \t]*(?:[-*•–][ \t]*|\d{1,2}[.)][ \t]*)?$")


@cache
def _labels(channel: str) -> re.Pattern[str]:
    data = lexicon.load(LEX)
    found = [*data["cased_labels"], *(data["cased_phone_labels"] if channel == "phone" else [])]
    labels = sorted((str(x) for x in found), key=len, reverse=True)
    aside = r"(?:[ \t]*\([^()\n]{1,40}\))?"  # "Closing (warm, brief):"
    return re.compile(r"(?:" + "|".join(re.escape(x) for x in labels) + r")" + aside + r"[ \t]*:(?![/\d])")


def _opens(doc: Doc, pos: int) -> bool:
    """Return True when a label at pos opens a line, item or sentence, or is glued to a word."""
    before = doc.text[max(0, pos - 40) : pos]
    if pos == 0 or _LEAD.search(before):
        return True
    if before[-1:].isalpha():
        return True  # "AktiebolagSkälen:" – a label glued to the previous field
    return bool(re.search(r"[.!?][ \t]+$", before))


def scaffold_spans(doc: Doc) -> list[tuple[str, int, int]]:
    """Return (kind, start, end) of every label, heading or filler from the prompt."""
    labels = _labels("phone" if doc.context.channel == "phone" else "email")
    found = [("label", m.start(), m.end()) for m in labels.finditer(doc.text) if _opens(doc, m.start())]
    found += [("heading", m.start(), m.end()) for m in lexicon.pattern(LEX, "structure").finditer(doc.lower)]
    found += [("label", m.start(), m.end()) for m in lexicon.pattern(LEX, "fillers").finditer(doc.lower)]
    found += [("directive", a, b) for a, b in directive_spans(doc)]
    return sorted(found, key=lambda f: f[1])


def check_scaffold(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block the prompt's labels, headings and fillers in a draft."""
    out = []
    last_end = -1
    for kind, start, end in scaffold_spans(doc):
        if start < last_end:
            continue
        last_end = end
        quote = doc.text[start:end].strip()
        out.append(violation(RULE, say(doc, RULE, kind, quote=quote), (start, end)))
    return out
