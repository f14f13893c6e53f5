"""Added remarks: one more consideration ("also", "to be honest", a P.S.) in words the request lacks.

The cases are data: tests/data/guardrails/remarks.jsonl (add a line to add a case). The words an
ordinary letter uses are learned (`guardrails.training.letter_words`); the last test builds them.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from caselib import load, verify

from guardrails.remarks import letter_words
from guardrails.training import letter_words as training


@pytest.mark.parametrize("case", load("remarks"))
def test_case(case: dict[str, Any]) -> None:
    verify(case)


def _letter(text: str, highlights: str, good: bool = True) -> str:
    context = {"highlights": highlights, "reason": "en kandidat med mer erfarenhet", "language": "sv"}
    return json.dumps({"text": text, "context": context, "expect": "pass" if good else "block"}, ensure_ascii=False)


def test_ordinary_words_are_those_of_enough_good_letters_beyond_their_requests(tmp_path: Path) -> None:
    lines = [
        _letter(f"Hej! Tack för intervjun. Din {w} var fin. Vi önskar dig framgång.", w)
        for w in ("presentation", "kodprov", "portfolio")
    ]
    lines.append(_letter("Hej! Tack. Vi önskar dig framgång men också en ryggskada.", "x", good=False))
    (tmp_path / "letters.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "templates.toml").write_text('close = "Varma hälsningar från oss"\n', encoding="utf-8")
    out = tmp_path / "words.toml"
    assert (
        training.main(
            ["--letters", str(tmp_path / "*.jsonl"), "--templates", str(tmp_path / "*.toml"), "--out", str(out)]
        )
        == 0
    )
    learned = set(tomllib.loads(out.read_text(encoding="utf-8"))["words"])
    assert "framgang" in learned  # in three good letters, in no request
    assert "presentation" not in learned  # each letter's own highlight
    assert "ryggskada" not in learned  # only in a letter that must be blocked
    assert {"varma", "halsningar"} <= learned  # the templates' words


def test_the_shipped_word_list_is_the_one_the_script_builds() -> None:
    root = Path(__file__).resolve().parents[2]
    built, _ = training.build(
        [str(root / "tests/data/guardrails/blind_letters_[b-h].jsonl")],
        [str(root / "drafter/composer_templates/[se][vn].toml")],
    )
    assert set(built) == letter_words(), "run `make letter-words` after changing the letters or templates"
