"""Run every rule on a text and collect the report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from guardrails import (
    address,
    claims,
    consistency,
    decision,
    fair_reason,
    fidelity,
    injection,
    language,
    leakage,
    length,
    placeholders,
    promises,
    protected,
    reasons,
    remarks,
    scaffold,
    structure,
    tone,
    topics,
)
from guardrails.context import CheckContext
from guardrails.errors import GuardrailError
from guardrails.report import GuardrailReport, Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc

RuleCheck = Callable[[Doc, GuardrailSettings], list[Violation]]

# Every rule but length reads at most this many characters: a pasted document gets a verdict
# in well under a second instead of a long scan (length still counts every word).
MAX_SCAN_CHARS = 50_000

CHECKS: tuple[RuleCheck, ...] = (
    structure.check_thanks,
    decision.check_decision,
    structure.check_name,
    structure.check_positive,
    structure.check_closing,
    structure.check_feedback,
    reasons.check_reason,
    protected.check_protected,
    fair_reason.check_reason_ground,
    leakage.check_other_candidate,
    leakage.check_notes,
    topics.check_note_topics,
    placeholders.check_placeholders,
    tone.check_tone,
    promises.check_promises,
    language.check_language,
    injection.check_injection,
    # Meaning, not words (issue 9): each family in its own module, messages in lexicons/messages_*.toml.
    consistency.check_mixed_decision,
    claims.check_ungrounded,
    remarks.check_remarks,
    scaffold.check_scaffold,
    fidelity.check_feedback_fidelity,
    fidelity.check_highlight_as_reason,
    fidelity.check_reason_as_strength,
    address.check_mixed_address,
    address.check_full_name_greeting,
    address.check_repeated_wish,
)


def prepare(text: str, context: CheckContext) -> Doc:
    """Return the text prepared for the rules, with the language to read it in."""
    ctx = context
    lang = ctx.language or language.infer_language(text)
    return Doc(text=text, context=ctx, language=lang, message_language=ctx.language or "en")


def check(text: str, context: CheckContext | Any, settings: GuardrailSettings | None = None) -> GuardrailReport:
    """Check a text against every rule and return the report.

    `context` is a `CheckContext` or anything `CheckContext.of` reads (a request model, a mapping).
    """
    if not isinstance(text, str):
        raise GuardrailError("The text to check must be a string.")
    ctx = CheckContext.of(context)
    settings = settings or GuardrailSettings()
    full = prepare(text, ctx)
    found = length.check_length(full, settings)
    # Prepare (and infer the language of) the text a second time only when it was cut.
    doc = full if len(text) <= MAX_SCAN_CHARS else prepare(text[:MAX_SCAN_CHARS], ctx)
    for rule in CHECKS:
        found.extend(rule(doc, settings))
    return GuardrailReport.from_violations(found)
