"""no_clear_decision: a rejection is stated, not left open and not contradicted by an offer.

The cases are data: tests/data/guardrails/decision.jsonl (add a line to add a case).
"""

from __future__ import annotations

from typing import Any

import pytest
from caselib import load, verify


@pytest.mark.parametrize("case", load("decision"))
def test_case(case: dict[str, Any]) -> None:
    verify(case)
