"""leaks_other_candidate: the hire's name and merits never appear; a colleague who shares a first name may.

The cases are data: tests/data/guardrails/leakage.jsonl (add a line to add a case).
"""

from __future__ import annotations

from typing import Any

import pytest
from caselib import load, verify


@pytest.mark.parametrize("case", load("leakage"))
def test_case(case: dict[str, Any]) -> None:
    verify(case)
