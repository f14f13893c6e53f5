"""discriminatory_reason: the recruiter's own reason rests on a protected ground, so no draft may be sent.

The cases are data: tests/data/guardrails/reason_grounds.jsonl (add a line to add a case).
"""

from __future__ import annotations

from typing import Any

import pytest
from caselib import load, verify


@pytest.mark.parametrize("case", load("reason_grounds"))
def test_case(case: dict[str, Any]) -> None:
    verify(case)
