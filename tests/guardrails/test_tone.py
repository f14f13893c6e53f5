"""harsh_tone: belittling or harsh wording, and words that only look harsh.

The cases are data: tests/data/guardrails/tone.jsonl (add a line to add a case).
"""

from __future__ import annotations

from typing import Any

import pytest
from caselib import load, verify


@pytest.mark.parametrize("case", load("tone"))
def test_case(case: dict[str, Any]) -> None:
    verify(case)
