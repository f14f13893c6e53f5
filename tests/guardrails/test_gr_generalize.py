"""Generalization: phrasings, faults and innocent words the calibration letters never used.

Each fault case must be caught by its own rule and by no other block rule (precision counts);
each good case must pass with no block at all.
"""

from __future__ import annotations

from typing import Any

import pytest
from gr_generalize_cases import (
    COMPLIMENTS,
    CONTRADICTIONS,
    DECISION_INNOCENT,
    DECISIONS_OK,
    HARSH,
    HARSH_INNOCENT,
    INJECTION_INNOCENT,
    INJECTIONS,
    OVER_DETAILED,
    PROMISE_INNOCENT,
    PROMISES,
    PROTECTED_FROM_FIELDS,
    PROTECTED_INNOCENT,
    UNDECIDED,
    UNREQUESTED,
    blocking,
    build,
    run,
)


def test_the_base_letters_pass_cleanly() -> None:
    for language, channel in (("sv", "email"), ("en", "email"), ("sv", "phone"), ("en", "phone")):
        report = run(build(language, channel), language, channel)
        assert report.rules() == set(), (language, channel, report.violations)


@pytest.mark.parametrize(("language", "channel", "decision"), DECISIONS_OK)
def test_unusual_but_clear_decisions_pass(language: str, channel: str, decision: str) -> None:
    report = run(build(language, channel, decision=decision), language, channel)
    assert blocking(report) == set(), report.violations


@pytest.mark.parametrize(("language", "channel", "sentence"), DECISION_INNOCENT)
def test_polite_sentences_near_the_decision_pass(language: str, channel: str, sentence: str) -> None:
    report = run(build(language, channel, extra=sentence), language, channel)
    assert blocking(report) == set(), report.violations


@pytest.mark.parametrize(("language", "channel", "decision"), UNDECIDED)
def test_an_undecided_letter_is_not_a_decision(language: str, channel: str, decision: str) -> None:
    report = run(build(language, channel, decision=decision), language, channel)
    assert blocking(report) == {"no_clear_decision"}, report.violations


@pytest.mark.parametrize(("language", "channel", "sentence"), CONTRADICTIONS)
def test_a_hiring_statement_contradicts_the_rejection(language: str, channel: str, sentence: str) -> None:
    text = build(language, channel, extra=sentence)
    report = run(text, language, channel)
    assert blocking(report) == {"no_clear_decision"}, report.violations
    span = next(v.span for v in report.blocking if v.rule == "no_clear_decision")
    assert span is not None
    assert sentence.strip("- ").rstrip(".!") in text[span[0] : span[1]]


def _single_fault(language: str, channel: str, sentence: str, rule: str, **overrides: Any) -> None:
    report = run(build(language, channel, extra=sentence), language, channel, **overrides)
    assert blocking(report) == {rule}, report.violations


@pytest.mark.parametrize(("language", "channel", "sentence"), INJECTIONS)
def test_leaked_instructions_are_blocked(language: str, channel: str, sentence: str) -> None:
    _single_fault(language, channel, sentence, "prompt_injection_echo")


@pytest.mark.parametrize(("language", "channel", "sentence"), INJECTION_INNOCENT)
def test_ordinary_instructions_pass(language: str, channel: str, sentence: str) -> None:
    report = run(build(language, channel, extra=sentence), language, channel)
    assert blocking(report) == set(), report.violations


@pytest.mark.parametrize(("language", "channel", "sentence"), HARSH)
def test_belittling_judgments_are_blocked(language: str, channel: str, sentence: str) -> None:
    _single_fault(language, channel, sentence, "harsh_tone")


@pytest.mark.parametrize(("language", "channel", "sentence", "ctx"), HARSH_INNOCENT)
def test_negated_or_innocent_words_are_not_harsh(
    language: str, channel: str, sentence: str, ctx: dict[str, str]
) -> None:
    report = run(build(language, channel, extra=sentence), language, channel, **ctx)
    assert blocking(report) == set(), report.violations


@pytest.mark.parametrize(("language", "channel", "sentence"), OVER_DETAILED)
def test_test_results_and_rankings_are_blocked(language: str, channel: str, sentence: str) -> None:
    _single_fault(language, channel, sentence, "over_detailed_reason")


@pytest.mark.parametrize(("language", "channel", "sentence"), PROMISES)
def test_promised_jobs_and_interviews_are_blocked(language: str, channel: str, sentence: str) -> None:
    _single_fault(language, channel, sentence, "false_promise")


@pytest.mark.parametrize(("language", "channel", "sentence"), PROMISE_INNOCENT)
def test_conditional_offers_pass(language: str, channel: str, sentence: str) -> None:
    report = run(build(language, channel, extra=sentence), language, channel)
    assert blocking(report) == set(), report.violations


@pytest.mark.parametrize(("language", "sentence", "ctx"), PROTECTED_FROM_FIELDS)
def test_grounds_typed_into_free_text_fields_are_still_blocked(
    language: str, sentence: str, ctx: dict[str, str]
) -> None:
    report = run(build(language, extra=sentence), language, "email", **ctx)
    assert "protected_ground" in blocking(report), report.violations


@pytest.mark.parametrize(("language", "sentence", "ctx"), PROTECTED_INNOCENT)
def test_words_that_only_look_like_grounds_pass(language: str, sentence: str, ctx: dict[str, str]) -> None:
    report = run(build(language, extra=sentence), language, "email", **ctx)
    assert "protected_ground" not in report.rules(), report.violations


def test_the_candidates_own_name_is_exempt() -> None:
    text = build("en").replace("Dear Lisa", "Dear Faith")
    assert run(text, "en", "email", candidate_name="Faith Young").rules() == set()


@pytest.mark.parametrize(("language", "sentence"), COMPLIMENTS)
def test_compliments_are_not_feedback(language: str, sentence: str) -> None:
    report = run(build(language, extra=sentence), language, "email")
    assert report.rules() == set(), report.violations


@pytest.mark.parametrize(("language", "sentence"), UNREQUESTED)
def test_unrequested_advice_is_flagged(language: str, sentence: str) -> None:
    report = run(build(language, extra=sentence), language, "email")
    assert "unrequested_feedback" in report.rules(), report.violations
    assert blocking(report) == set(), report.violations
    with_feedback = run(build(language, extra=sentence), language, "email", feedback=sentence)
    assert "unrequested_feedback" not in with_feedback.rules()
