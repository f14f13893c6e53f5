"""ungrounded_claim: facts, names, numbers, links, dates, meetings or reasons the request lacks.

Cases are data: tests/data/guardrails/claims.jsonl (Swedish and English, email and phone, with hard
negatives). The per-family thresholds (every labelled letter caught, no hard negative blocked by a meaning
rule) are in test_gr_meaning_families.py; this module holds what is particular to the family.
"""

from __future__ import annotations

from meaning_cases import BASE_SV, CTX_SV

from guardrails import check


def test_a_partial_context_cannot_say_what_the_request_lacks() -> None:
    text = BASE_SV.format(x="Vi ses nästa vecka på www.exempel.se.")
    assert "ungrounded_claim" in check(text, CTX_SV).rules()
    partial = CTX_SV.model_copy(update={"highlights": None, "reason": None})
    assert "ungrounded_claim" not in check(text, partial).rules()


def test_the_internal_notes_never_ground_a_claim() -> None:
    text = BASE_SV.format(x="Vi ses nästa vecka.")
    ctx = CTX_SV.model_copy(update={"internal_notes": "Ses nästa vecka igen"})
    assert "ungrounded_claim" in check(text, ctx).rules()
