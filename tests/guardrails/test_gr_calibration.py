"""Score every rule on the labeled calibration letters (tests/data/calibration.jsonl).

Thresholds: recall >= 0.9 for every rule; precision >= 0.9 for block rules and >= 0.75 for
warnings (a warning costs a glance, a block costs a redraft); every letter with a block label is
blocked; at most 5 % of good letters are blocked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guardrails.registry import RULES
from guardrails.report import GuardrailReport
from guardrails.rule_data import meaning_rules, without_meaning_rules
from guardrails.scoring import LabeledLetter, RuleScore, load_letters, score, table

DATA = Path(__file__).resolve().parents[1] / "data" / "calibration.jsonl"
MIN_RECALL = 0.9
MIN_PRECISION = {"block": 0.9, "warn": 0.75}
MAX_GOOD_BLOCKED = 0.05

pytestmark = pytest.mark.skipif(not DATA.is_file(), reason="calibration letters not written yet")


@pytest.fixture(scope="module")
def scored() -> tuple[list[LabeledLetter], dict[str, RuleScore], dict[str, GuardrailReport]]:
    letters = load_letters(DATA)
    scores, reports = score(letters)
    # Labelled before the meaning rules existed: score the word rules here (test_gr_meaning_legacy.py
    # checks the meaning rules on these letters).
    scores = {r: s for r, s in scores.items() if r not in meaning_rules()}
    reports = {k: without_meaning_rules(r) for k, r in reports.items()}
    print("\n" + table(scores))
    return letters, scores, reports


def test_the_set_is_big_enough(scored: tuple[list[LabeledLetter], dict[str, RuleScore], dict]) -> None:
    letters, _, _ = scored
    assert len(letters) >= 50
    assert sum(letter.good for letter in letters) >= 10


def test_every_rule_recalls_its_letters(
    scored: tuple[list[LabeledLetter], dict[str, RuleScore], dict],
) -> None:
    _, scores, _ = scored
    weak = {r: round(s.recall, 2) for r, s in scores.items() if s.recall < MIN_RECALL}
    assert not weak, f"recall below {MIN_RECALL}: {weak}\n{table(scores)}"


def test_every_rule_is_precise(scored: tuple[list[LabeledLetter], dict[str, RuleScore], dict]) -> None:
    _, scores, _ = scored
    weak = {r: round(s.precision, 2) for r, s in scores.items() if s.precision < MIN_PRECISION[RULES[r].severity]}
    assert not weak, f"precision below threshold: {weak}\n{table(scores)}"


def test_every_letter_with_a_block_label_is_blocked(
    scored: tuple[list[LabeledLetter], dict[str, RuleScore], dict[str, GuardrailReport]],
) -> None:
    letters, _, reports = scored
    missed = [
        letter.id
        for letter in letters
        if any(RULES[label].severity == "block" for label in letter.labels if label in RULES)
        and reports[letter.id].passed
    ]
    assert not missed


def test_few_good_letters_are_blocked(
    scored: tuple[list[LabeledLetter], dict[str, RuleScore], dict[str, GuardrailReport]],
) -> None:
    letters, _, reports = scored
    good = [letter for letter in letters if letter.good]
    blocked = {letter.id: sorted(v.rule for v in reports[letter.id].blocking) for letter in good}
    blocked = {k: v for k, v in blocked.items() if v}
    assert len(blocked) <= MAX_GOOD_BLOCKED * len(good), blocked


def test_labels_name_known_rules(scored: tuple[list[LabeledLetter], dict[str, RuleScore], dict]) -> None:
    letters, _, _ = scored
    unknown = {label for letter in letters for label in letter.labels} - set(RULES)
    assert not unknown
