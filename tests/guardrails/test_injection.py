"""prompt_injection_echo: instructions, prompt lines and text after the signature addressed to a bot.

The cases are data: tests/data/guardrails/injection.jsonl (add a line to add a case).
"""

from __future__ import annotations

from typing import Any

import pytest
from caselib import load, verify


@pytest.mark.parametrize("case", load("injection"))
def test_case(case: dict[str, Any]) -> None:
    verify(case)
