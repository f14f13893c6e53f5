"""Thresholds every meaning-rule family meets on its labelled letters (tests/data/guardrails/<family>.jsonl).

Every labelled letter gets its meaning labels, no hard negative is blocked by a meaning rule, each set
covers both languages, both channels and hard negatives, and every rule of a family recalls all its
letters with precision >= 0.9. What is particular to one family lives in test_gr_meaning_<family>.py.
"""

from __future__ import annotations

import pytest
from meaning_cases import family_rules, found, letters, scores

from guardrails.registry import RULES
from guardrails.rule_data import FAMILIES
from guardrails.scoring import LabeledLetter

CASES = [(family, letter) for family in FAMILIES for letter in letters(family)]


@pytest.mark.parametrize(("family", "letter"), CASES, ids=[f"{f}-{c.id}" for f, c in CASES])
def test_each_labelled_letter_gets_exactly_its_meaning_labels(family: str, letter: LabeledLetter) -> None:
    hits = found(letter)
    assert letter.labels <= hits, (letter.id, sorted(hits))
    wrongly_blocked = {r for r in hits - letter.labels if RULES[r].severity == "block"}
    assert not wrongly_blocked, (letter.id, sorted(wrongly_blocked))


@pytest.mark.parametrize("family", FAMILIES)
def test_the_set_covers_both_languages_both_channels_and_hard_negatives(family: str) -> None:
    cases = letters(family)
    assert {c.context.language for c in cases} == {"sv", "en"}
    assert {c.context.channel for c in cases} == {"email", "phone"}
    assert any(c.good for c in cases) and any(not c.good for c in cases)
    assert family_rules(family) <= {label for c in cases for label in c.labels}


@pytest.mark.parametrize("family", FAMILIES)
def test_every_rule_of_the_family_is_precise_and_recalls_its_letters(family: str) -> None:
    for rule, s in scores(family).items():
        assert s.recall == 1.0 and s.precision >= 0.9, (rule, s)
