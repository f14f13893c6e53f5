"""Fixtures for the composer tests: a base request per language and a strict checker."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from drafter.models import LET_PAYLOAD_THROUGH, DraftRequest
from guardrails import check
from guardrails.report import GuardrailReport

BASE_SV = {
    "candidate_name": "Eva-Lotta Öberg",
    "role": "projektledare",
    "company": "Nordbygg AB",
    "recruiter_name": "Karin Ek",
    "language": "sv",
    "highlights": "din erfarenhet av att leda ombyggnadsprojekt i bostadsrättsföreningar",
    "reason": "vi valde en kandidat med längre erfarenhet av större nybyggnationer",
    "chosen_candidate_name": "Jonas Berg",
    "internal_notes": "Jonas har mer erfarenhet av stora projekt. Anna verkade osäker på budgetfrågor.",
}
BASE_EN = {
    **BASE_SV,
    "language": "en",
    "role": "project manager",
    "highlights": "your experience leading renovation projects for housing associations",
    "reason": "we chose a candidate with longer experience of large new-build projects",
}


@pytest.fixture
def make_request() -> Callable[..., DraftRequest]:
    """Return a factory of requests: a realistic base for the language, overridden by keywords."""

    def make(language: str = "sv", **overrides: object) -> DraftRequest:
        base = BASE_SV if language == "sv" else BASE_EN
        # Hostile values would be refused at input; the composer must still cope with them.
        return DraftRequest.model_validate({**base, **overrides}, context=LET_PAYLOAD_THROUGH)

    return make


@pytest.fixture
def assert_passes() -> Callable[[str, DraftRequest], GuardrailReport]:
    """Return a checker that fails the test with the blocking rules named when a text does not pass."""

    def run(text: str, request: DraftRequest) -> GuardrailReport:
        report = check(text, request)
        blocking = [(v.rule, v.message) for v in report.blocking]
        assert report.passed, f"composer draft blocked by {blocking}:\n{text}"
        return report

    return run
