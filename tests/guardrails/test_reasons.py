"""over_detailed_reason: scores, rankings and lists of weaknesses, and scoring as a subject.

The cases are data: tests/data/guardrails/reasons.jsonl (add a line to add a case).
"""

from __future__ import annotations

from typing import Any

import pytest
from caselib import load, verify


@pytest.mark.parametrize("case", load("reasons"))
def test_case(case: dict[str, Any]) -> None:
    verify(case)
