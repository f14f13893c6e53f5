"""address: du throughout, a first-name greeting, one good wish (warnings).

Cases are data: tests/data/guardrails/address.jsonl (Swedish and English, email and phone, with hard
negatives). The per-family thresholds (every labelled letter caught, no hard negative blocked by a meaning
rule) are in test_gr_meaning_families.py; this module holds what is particular to the family.
"""

from __future__ import annotations

from meaning_cases import family_rules

from guardrails.registry import RULES


def test_address_rules_warn_and_never_block() -> None:
    for rule in family_rules("address"):
        assert RULES[rule].severity == "warn", rule
