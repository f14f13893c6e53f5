"""Realistic letters: varied good ones pass clean; a letter with one fault is caught by its rule.

The cases are data: tests/data/guardrails/letters.jsonl (add a line to add a case).
"""

from __future__ import annotations

from typing import Any

import pytest
from caselib import load, verify


@pytest.mark.parametrize("case", load("letters"))
def test_case(case: dict[str, Any]) -> None:
    verify(case)
