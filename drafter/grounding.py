"""Catch a draft that copies the prompt's worked examples instead of the request."""

from __future__ import annotations

import re

from drafter.models import DraftRequest
from drafter.prompting import PromptSpec
from guardrails.report import Violation

MESSAGES = {
    "sv": "Texten innehåller '{marker}' från promptens exempel, inte från underlaget: ta bort eller ersätt det.",
    "en": "The text contains '{marker}' from the prompt's examples, not from the request: remove or replace it.",
}


def copied_example_violations(text: str, spec: PromptSpec, request: DraftRequest) -> list[Violation]:
    """Return a `copied_example` violation for each example-only marker found in the text."""
    known = " ".join(request.prompt_fields().values()).lower()
    found: list[Violation] = []
    for marker in spec.example_markers:
        if marker.lower() in known:
            continue  # the request itself mentions it: grounded
        # Names match as whole words; other words also with a short inflection ("portfolion").
        tail = r"(?!\w)" if marker[:1].isupper() else r"\w{0,3}(?!\w)"
        match = re.search(rf"(?<!\w){re.escape(marker)}{tail}", text, flags=re.IGNORECASE)
        if match:
            found.append(
                Violation(
                    rule="copied_example",
                    severity="block",
                    message=MESSAGES.get(request.language, MESSAGES["en"]).format(marker=marker),
                    span=(match.start(), match.end()),
                )
            )
    return found
