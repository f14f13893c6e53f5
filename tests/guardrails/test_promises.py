"""false_promise: promises the employer cannot keep, and conditional or keepable ones.

The cases are data: tests/data/guardrails/promises.jsonl (add a line to add a case).
"""

from __future__ import annotations

from typing import Any

import pytest
from caselib import load, verify


@pytest.mark.parametrize("case", load("promises"))
def test_case(case: dict[str, Any]) -> None:
    verify(case)
