"""The guardrail layer's own error: it owns it, so it imports nothing from its callers."""

from __future__ import annotations


class GuardrailError(ValueError):
    """The guardrails could not check a text: bad check input or a broken lexicon or message file."""
