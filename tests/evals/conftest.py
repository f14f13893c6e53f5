"""Fixtures for the eval-suite tests: small datasets and well-formed fake replies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_helpers import GOOD_SV, case_line, write_jsonl

from evals.judge import load_rubric


@pytest.fixture
def small_dataset(tmp_path: Path) -> Path:
    """Return a directory with two case files (three Swedish cases)."""
    d = tmp_path / "cases"
    d.mkdir()
    write_jsonl(d / "a.jsonl", [case_line("a1"), case_line("a2", tone="formal")])
    write_jsonl(d / "b.jsonl", [case_line("b1", feedback="visa gärna fler exempel på bedömning")])
    return d


@pytest.fixture
def two_fake_config(tmp_path: Path) -> Path:
    """Return a drafter.toml with the shipped bounds plus fake profiles: a good reply, a judge."""
    root = Path(__file__).resolve().parents[2]
    text = (root / "drafter.toml").read_text(encoding="utf-8")
    good = json.dumps(GOOD_SV, ensure_ascii=False)
    grades = json.dumps("\n".join(f"{item}: 1" for item in load_rubric().items))
    text = text.replace(
        '[profiles.fake]\nprovider = "fake"\n',
        f'[profiles.fake]\nprovider = "fake"\n\n[profiles.fakegood]\nprovider = "fake"\nreplies = [{good}]\n'
        f'\n[profiles.judgefake]\nprovider = "fake"\nreplies = [{grades}]\n',
    )
    assert "fakegood" in text
    path = tmp_path / "drafter.toml"
    path.write_text(text, encoding="utf-8")
    return path
