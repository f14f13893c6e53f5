"""Every language x channel x tone combination yields a complete draft that passes the guardrails."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from drafter.composer import compose
from drafter.models import DraftRequest
from guardrails.report import GuardrailReport
from guardrails.settings import GuardrailSettings

COMBOS = list(itertools.product(["sv", "en"], ["email", "phone"], ["warm", "formal"]))


@pytest.mark.parametrize(("language", "channel", "tone"), COMBOS)
def test_every_combination_passes_without_warnings(
    make_request: Callable[..., DraftRequest],
    assert_passes: Callable[[str, DraftRequest], GuardrailReport],
    language: str,
    channel: str,
    tone: str,
) -> None:
    request = make_request(language, channel=channel, tone=tone)
    text = compose(request)
    report = assert_passes(text, request)
    # A clean request deserves a draft without even a warning: positive, closing, no stray feedback.
    assert report.violations == []
    # First name only in the greeting; the notes are woven in as sentences (case aside, word for word).
    assert text.splitlines()[0].split()[1].rstrip(",!") == "Eva-Lotta"
    assert request.candidate_name not in text
    assert request.highlights.lower() in text.lower()
    assert request.reason.lower() in text.lower()
    assert "Jonas" not in text
    bounds = GuardrailSettings().bounds(language, channel)
    assert bounds.min_words <= len(text.split()) <= bounds.max_words


@pytest.mark.parametrize(("language", "channel", "tone"), COMBOS)
def test_feedback_appears_only_when_set(
    make_request: Callable[..., DraftRequest],
    assert_passes: Callable[[str, DraftRequest], GuardrailReport],
    language: str,
    channel: str,
    tone: str,
) -> None:
    tip = "Fördjupa gärna erfarenheten av budgetarbete" if language == "sv" else "Build more budgeting experience"
    with_feedback = make_request(language, channel=channel, tone=tone, feedback=tip)
    without = make_request(language, channel=channel, tone=tone, feedback=None)
    text_with, text_without = compose(with_feedback), compose(without)
    assert_passes(text_with, with_feedback)
    assert_passes(text_without, without)
    assert tip.lower() in text_with.lower()
    assert tip.lower() not in text_without.lower()
    assert len(text_with) > len(text_without)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_email_is_signed_by_recruiter_and_company(make_request: Callable[..., DraftRequest], language: str) -> None:
    text = compose(make_request(language, channel="email"))
    last_lines = text.splitlines()[-2:]
    assert last_lines == ["Karin Ek", "Nordbygg AB"]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_phone_script_is_talking_points(make_request: Callable[..., DraftRequest], language: str) -> None:
    text = compose(make_request(language, channel="phone"))
    lines = text.splitlines()
    assert "Karin Ek" in lines[0] and "Eva-Lotta" in lines[0] and "Öberg" not in lines[0]
    assert len(lines) >= 5
    assert all(line.startswith("- ") for line in lines[1:])


def test_composer_is_deterministic(make_request: Callable[..., DraftRequest]) -> None:
    request = make_request("sv", tone="formal", feedback="Öva gärna på att presentera budgetar")
    assert compose(request) == compose(request.model_copy())


def test_swedish_and_english_drafts_differ_in_wording(make_request: Callable[..., DraftRequest]) -> None:
    sv, en = compose(make_request("sv")), compose(make_request("en"))
    assert "tack" in sv.lower() and "annan kandidat" in sv
    assert "thank" in en.lower() and "another candidate" in en
