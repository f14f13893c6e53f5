"""The meaning rules against blind ratings and against the letters labelled before them.

evals/ratings/baseline-local-all.jsonl holds the 71 shown drafts of evals/baselines/local-all rated
blind by a recruiter who never saw prompts, rules or code. Every draft they flagged as misleading
must be blocked by a meaning rule; no draft they would send may be blocked at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.ratings.models import load_ratings
from guardrails import check
from guardrails.claims import ungrounded_spans
from guardrails.engine import prepare
from guardrails.rule_data import meaning_rules, rule_specs
from guardrails.scoring import load_letters

ROOT = Path(__file__).resolve().parents[2]
RATINGS = load_ratings(ROOT / "evals" / "ratings" / "baseline-local-all.jsonl")
LEGACY = ("calibration.jsonl", "blind.jsonl", "blind2.jsonl", "blind3.jsonl")


@pytest.mark.parametrize("rated", [r for r in RATINGS if r.danger], ids=lambda r: r.id)
def test_every_draft_the_rater_found_misleading_is_blocked_by_a_meaning_rule(rated) -> None:  # type: ignore[no-untyped-def]
    report = check(rated.draft, rated.request)
    assert {v.rule for v in report.blocking} & meaning_rules(), (rated.id, rated.problems)


def test_no_draft_the_rater_would_send_is_blocked() -> None:
    sendable = [r for r in RATINGS if r.verdict == "send"]
    assert sendable
    blocked = {r.id: sorted(v.rule for v in check(r.draft, r.request).blocking) for r in sendable}
    assert not any(blocked.values()), blocked


def test_old_good_letters_are_blocked_only_for_facts_their_request_lacks() -> None:
    """The old labelled sets were written by people who knew the interview date, the office, their
    own title; the request does not say so, so a draft must not either. No other meaning rule may
    block them: no mixed decision, scaffold, fidelity or invented reason in a good letter."""
    for name in LEGACY:
        for letter in load_letters(ROOT / "tests" / "data" / name):
            if not letter.good:
                continue
            report = check(letter.text, letter.context)
            other = {v.rule for v in report.blocking if v.rule in meaning_rules()} - {"ungrounded_claim"}
            assert not other, (name, letter.id, other)
            kinds = {kind for kind, _, _ in ungrounded_spans(prepare(letter.text, letter.context))}
            assert "reason" not in kinds, (name, letter.id)


def test_every_meaning_rule_has_a_message_and_description_in_both_languages() -> None:
    for rule, spec in rule_specs().items():
        assert spec["description_sv"] and spec["description_en"], rule
        for key, entry in spec["messages"].items():
            assert entry.get("sv") and entry.get("en"), (rule, key)
