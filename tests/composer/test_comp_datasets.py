"""The labeled letter sets are well formed, balanced, and their contexts compose into passing drafts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from drafter.composer import compose
from drafter.models import LET_PAYLOAD_THROUGH, DraftRequest, parse_context
from guardrails import RULES, check

DATA = Path(__file__).resolve().parents[1] / "data"
BLOCK = {rid for rid, info in RULES.items() if info.severity == "block"}
CONTRACT_IDS = {
    "protected_ground",
    "leaks_other_candidate",
    "leaks_internal_notes",
    "placeholder",
    "too_long",
    "too_short",
    "no_thanks",
    "no_clear_decision",
    "over_detailed_reason",
    "harsh_tone",
    "false_promise",
    "wrong_language",
    "wrong_name",
    "prompt_injection_echo",
    "missing_positive",
    "missing_closing",
    "unrequested_feedback",
}
KEYS = {"id", "text", "context", "language", "channel", "labels", "good", "note"}
BOUNDS = {
    ("sv", "email"): (35, 260),
    ("sv", "phone"): (25, 260),
    ("en", "email"): (35, 280),
    ("en", "phone"): (25, 280),
}


def load(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="module", params=["calibration.jsonl", "blind.jsonl"])
def letters(request: pytest.FixtureRequest) -> list[dict[str, Any]]:
    return load(request.param)


def test_rows_are_well_formed(letters: list[dict[str, Any]]) -> None:
    ids = [row["id"] for row in letters]
    assert len(ids) == len(set(ids))
    for row in letters:
        assert set(row) == KEYS, row["id"]
        assert set(row["labels"]) <= CONTRACT_IDS, row["id"]
        assert row["good"] is (not row["labels"]), row["id"]
        context = parse_context(row["context"])
        assert (context.language, context.channel) == (row["language"], row["channel"])
        opener = row["text"].split()[0]
        greeted = opener in {"Hej", "Hi", "Dear", "Hello"} or opener.rstrip(",") in (context.candidate_name or "")
        assert greeted, row["id"]


def test_word_counts_match_length_labels(letters: list[dict[str, Any]]) -> None:
    for row in letters:
        low, high = BOUNDS[(row["language"], row["channel"])]
        count = len(row["text"].split())
        assert (count > high) == ("too_long" in row["labels"]), (row["id"], count)
        assert (count < low) == ("too_short" in row["labels"]), (row["id"], count)


def test_calibration_mix_and_rule_coverage() -> None:
    rows = load("calibration.jsonl")
    n = len(rows)
    assert n >= 110
    assert 0.55 <= sum(r["language"] == "sv" for r in rows) / n <= 0.65
    assert 0.60 <= sum(r["channel"] == "email" for r in rows) / n <= 0.70
    assert 0.35 <= sum(r["good"] for r in rows) / n <= 0.45
    counts = Counter(label for r in rows for label in r["labels"])
    assert counts["protected_ground"] >= 15
    assert all(counts[rule] >= 5 for rule in CONTRACT_IDS if rule in BLOCK), counts
    assert sum(r["good"] and bool(r["context"].get("internal_notes")) for r in rows) >= 10


def test_blind_set_is_independent_of_calibration() -> None:
    cal, blind = load("calibration.jsonl"), load("blind.jsonl")
    assert len(blind) == 40
    cal_names = {r["context"]["candidate_name"] for r in cal}
    assert not cal_names & {r["context"]["candidate_name"] for r in blind}
    assert not {r["text"] for r in cal} & {r["text"] for r in blind}


def test_every_dataset_context_composes_into_a_passing_draft() -> None:
    for row in load("calibration.jsonl") + load("blind.jsonl"):
        request = DraftRequest.model_validate(row["context"], context=LET_PAYLOAD_THROUGH)
        text = compose(request)
        report = check(text, request)
        assert report.passed, (row["id"], [v.rule for v in report.blocking], text)
