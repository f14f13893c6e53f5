"""Length rules: word counts within the bounds for the language and channel."""

from __future__ import annotations

from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import WORD_RE, Doc


def check_length(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block a text with fewer or more words than the bounds allow."""
    bounds = settings.bounds(doc.language, doc.context.channel)
    count = 0
    overflow_at = None
    # Counting lazily keeps a pasted 5 MB text from building a huge token list.
    for match in WORD_RE.finditer(doc.text):
        count += 1
        if count == bounds.max_words + 1:
            overflow_at = match.start()
    if count < bounds.min_words:
        return [
            violation(
                "too_short",
                doc.say("too_short", count=count, min_words=bounds.min_words),
            )
        ]
    if overflow_at is not None:
        return [
            violation(
                "too_long",
                doc.say("too_long", count=count, max_words=bounds.max_words),
                (overflow_at, len(doc.text)),
            )
        ]
    return []
