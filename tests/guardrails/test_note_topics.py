"""leaks_internal_notes by topic: the letter speaks of what only the internal notes raise, in any words.

The cases are data: tests/data/guardrails/note_topics.jsonl (add a line to add a case); the topics
are data too, guardrails/lexicons/note_topics.toml.
"""

from __future__ import annotations

from typing import Any

import pytest
from caselib import load, verify


@pytest.mark.parametrize("case", load("note_topics"))
def test_case(case: dict[str, Any]) -> None:
    verify(case)
