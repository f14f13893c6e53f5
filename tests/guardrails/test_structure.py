"""Structure rules: thanks, a positive point echoed from the highlights, feedback only when asked for.

The cases are data: tests/data/guardrails/structure.jsonl (add a line to add a case).
"""

from __future__ import annotations

from typing import Any

import pytest
from caselib import load, verify


@pytest.mark.parametrize("case", load("structure"))
def test_case(case: dict[str, Any]) -> None:
    verify(case)
