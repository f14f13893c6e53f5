"""Reason and feedback notes by kind (shorthand, voice, language, sensitive, no hire, feedback form), as data."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drafter.composer import compose
from drafter.models import DraftRequest
from drafter.shorthand import expand
from guardrails import check

DATA: dict[str, Any] = tomllib.loads((Path(__file__).parent / "data" / "notes_by_kind.toml").read_text())
FIELDS = ("reason", "feedback", "highlights", "internal_notes", "chosen_candidate_name", "tone", "channel")


@pytest.mark.parametrize("case", DATA["shorthand"], ids=[c["id"] for c in DATA["shorthand"]])
def test_shorthand_is_written_out_as_whole_words_only(case: dict[str, Any]) -> None:
    assert expand(case["text"], case["language"]) == case["expect"]


@pytest.mark.parametrize("case", DATA["case"], ids=[c["id"] for c in DATA["case"]])
@pytest.mark.parametrize("channel", ["email", "phone"])
def test_reason_and_feedback_read_as_the_letters_own_sentences(
    make_request: Callable[..., DraftRequest], case: dict[str, Any], channel: str
) -> None:
    overrides = {k: (case[k] or None) for k in FIELDS if k in case}
    request = make_request(case["language"], channel=channel, **overrides)
    text = compose(request)
    for wanted in case.get("expect", []):
        assert wanted in text, (wanted, text)
    for unwanted in case.get("absent", []):
        assert unwanted not in text, (unwanted, text)
    assert check(text, request).passed, text
