"""prompt_scaffold: the prompt's labels, headings or fillers in the output.

Cases are data: tests/data/guardrails/scaffold.jsonl (Swedish and English, email and phone, with hard
negatives). The per-family thresholds (every labelled letter caught, no hard negative blocked by a meaning
rule) are in test_gr_meaning_families.py; this module holds what is particular to the family.
"""

from __future__ import annotations

from meaning_cases import BASE_SV, CTX_SV

from guardrails import check


def test_the_label_is_quoted_in_the_message() -> None:
    text = BASE_SV.format(x="Skäl: vi valde en annan.")
    (v,) = [v for v in check(text, CTX_SV).violations if v.rule == "prompt_scaffold"]
    assert "Skäl:" in v.message and v.span is not None
