"""prompt_scaffold: the prompt's labels, headings or fillers in the output.

Cases are data: tests/data/guardrails/scaffold.jsonl (Swedish and English, email and phone, with hard
negatives). Thresholds: every labelled letter is caught, no hard negative is blocked by a meaning rule.
"""

from __future__ import annotations

import pytest
from meaning_cases import family_rules, found, letters, scores

from drafter.models import CheckContext
from guardrails import check
from guardrails.registry import RULES
from guardrails.scoring import LabeledLetter

FAMILY = "scaffold"
CASES = letters(FAMILY)
BASE_SV = (
    "Hej Elin,\n\nTack för att du sökte tjänsten och för intervjun. Din struktur gjorde intryck.\n\n"
    "Vi har tyvärr valt en annan kandidat. {x}\n\nHör av dig om du har frågor. Lycka till!\n\nHälsningar\nJohan"
)
CTX_SV = CheckContext(
    candidate_name="Elin Berg",
    role="lagerledare",
    company="Nordfrakt AB",
    recruiter_name="Johan Sand",
    language="sv",
    channel="email",
    highlights="din struktur",
    reason="",
)


@pytest.mark.parametrize("letter", CASES, ids=[c.id for c in CASES])
def test_each_labelled_letter_gets_exactly_its_meaning_labels(letter: LabeledLetter) -> None:
    hits = found(letter)
    assert letter.labels <= hits, (letter.id, sorted(hits))
    wrongly_blocked = {r for r in hits - letter.labels if RULES[r].severity == "block"}
    assert not wrongly_blocked, (letter.id, sorted(wrongly_blocked))


def test_the_set_covers_both_languages_both_channels_and_hard_negatives() -> None:
    assert {c.context.language for c in CASES} == {"sv", "en"}
    assert {c.context.channel for c in CASES} == {"email", "phone"}
    assert any(c.good for c in CASES) and any(not c.good for c in CASES)
    assert family_rules(FAMILY) <= {label for c in CASES for label in c.labels}


def test_every_rule_of_the_family_is_precise_and_recalls_its_letters() -> None:
    for rule, s in scores(FAMILY).items():
        assert s.recall == 1.0 and s.precision >= 0.9, (rule, s)


def test_the_label_is_quoted_in_the_message() -> None:
    text = BASE_SV.format(x="Skäl: vi valde en annan.")
    (v,) = [v for v in check(text, CTX_SV).violations if v.rule == "prompt_scaffold"]
    assert "Skäl:" in v.message and v.span is not None
