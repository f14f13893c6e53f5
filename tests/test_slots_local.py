"""Slot drafting on the real bundled model: deterministic, structured by the skeleton, always checked."""

from __future__ import annotations

import pytest

from drafter.models import DraftRequest
from drafter.pipeline import Drafter
from guardrails import check

pytestmark = pytest.mark.slow

SV = DraftRequest(
    candidate_name="Sofia Bergström",
    role="kundtjänstmedarbetare",
    company="Telia Norr",
    recruiter_name="Lena Holm",
    highlights="hon var lugn och lösningsorienterad i rollspelet",
    reason="vi valde en kandidat med längre erfarenhet av telefonsupport",
    feedback="hade kunnat ge fler konkreta exempel",
)
EN = DraftRequest(
    candidate_name="Ravi Kumar",
    role="QA engineer",
    company="Northwind Labs",
    recruiter_name="Helen Park",
    language="en",
    channel="phone",
    highlights="a well-structured test plan for the mobile checkout",
    reason="we chose a candidate with more performance-testing experience",
)


def test_local_profile_drafts_with_slots(local_drafter: Drafter) -> None:
    assert local_drafter.drafting == "slots"
    result = local_drafter.draft(SV)
    assert result.text.startswith("Hej Sofia,\n\n") and "Bergström" not in result.text
    assert "gå vidare med en annan kandidat" in result.text
    assert result.text.endswith("Lena Holm\nTelia Norr")
    assert result.report.passed and check(result.text, SV).passed
    assert {a.slot for a in result.attempts} == {"highlights", "reason", "feedback", None}


def test_same_request_same_draft_whatever_ran_before(local_drafter: Drafter) -> None:
    first = local_drafter.draft(SV)
    local_drafter.draft(EN)  # another language's prefix in between
    again = local_drafter.draft(SV)
    assert again.text == first.text
    assert [a.text for a in again.attempts] == [a.text for a in first.attempts]
