"""mixed_decision: a rejection that also offers, accepts or continues.

Cases are data: tests/data/guardrails/consistency.jsonl (Swedish and English, email and phone, with hard
negatives). The per-family thresholds (every labelled letter caught, no hard negative blocked by a meaning
rule) are in test_gr_meaning_families.py; this module holds what is particular to the family.
"""

from __future__ import annotations

from meaning_cases import BASE_SV, CTX_SV

from guardrails import check


def test_the_violation_points_at_the_offer_and_speaks_the_request_language() -> None:
    text = BASE_SV.format(x="Nu är det dags att gå vidare med dig.")
    (v,) = [v for v in check(text, CTX_SV).violations if v.rule == "mixed_decision"]
    assert v.span and "gå vidare med dig" in text[v.span[0] : v.span[1]]
    assert "erbjudande" in v.message


def test_a_negation_in_the_clause_turns_an_offer_into_a_refusal() -> None:
    for sentence in ("Vi kommer inte att gå vidare med dig.", "Vi har valt att inte gå vidare med dig."):
        assert "mixed_decision" not in check(BASE_SV.format(x=sentence), CTX_SV).rules(), sentence
