"""Second generalization round: casual registers, blunt wording, enumerations, explicit promises.

Each fault case must be caught by its own rule and by no other block rule (precision counts);
each good case must pass with no block at all.
"""

from __future__ import annotations

from typing import Any

import pytest
from gr_generalize2_cases import (
    AGE,
    AGE_INNOCENT,
    DECISIONS_OK,
    HARSH,
    HARSH_INNOCENT,
    NOT_DECIDED,
    OVER_DETAILED,
    PROMISE_INNOCENT,
    PROMISES,
    SCORE_INNOCENT,
)
from gr_generalize_cases import blocking, build, run

from drafter.models import CheckContext
from guardrails import check


@pytest.mark.parametrize(("language", "channel", "decision"), DECISIONS_OK)
def test_clear_decisions_in_new_words_pass(language: str, channel: str, decision: str) -> None:
    report = run(build(language, channel, decision=decision), language, channel)
    assert blocking(report) == set(), report.violations


@pytest.mark.parametrize(("language", "channel", "decision"), NOT_DECIDED)
def test_missing_or_open_decisions_are_blocked(language: str, channel: str, decision: str) -> None:
    report = run(build(language, channel, decision=decision), language, channel)
    assert blocking(report) == {"no_clear_decision"}, report.violations


@pytest.mark.parametrize(("language", "channel", "decision"), DECISIONS_OK[:6])
def test_an_open_decision_outweighs_a_rejection(language: str, channel: str, decision: str) -> None:
    extra = "Vi har dock inte bestämt oss än." if language == "sv" else "That said, nothing is final yet."
    report = run(build(language, channel, decision=decision, extra=extra), language, channel)
    assert blocking(report) == {"no_clear_decision"}, report.violations


def _single_fault(language: str, channel: str, sentence: str, rule: str, **overrides: Any) -> None:
    report = run(build(language, channel, extra=sentence), language, channel, **overrides)
    assert blocking(report) == {rule}, report.violations


@pytest.mark.parametrize(("language", "channel", "sentence"), HARSH)
def test_blunt_and_casual_belittling_is_blocked(language: str, channel: str, sentence: str) -> None:
    _single_fault(language, channel, sentence, "harsh_tone")


@pytest.mark.parametrize(("language", "channel", "sentence", "ctx"), HARSH_INNOCENT)
def test_constructive_or_situational_words_are_not_harsh(
    language: str, channel: str, sentence: str, ctx: dict[str, str]
) -> None:
    report = run(build(language, channel, extra=sentence), language, channel, **ctx)
    assert blocking(report) == set(), report.violations


@pytest.mark.parametrize(("language", "channel", "sentence"), OVER_DETAILED)
def test_enumerated_reasons_are_blocked(language: str, channel: str, sentence: str) -> None:
    _single_fault(language, channel, sentence, "over_detailed_reason")


@pytest.mark.parametrize(("language", "sentence"), SCORE_INNOCENT)
def test_scoring_as_a_subject_is_not_a_score(language: str, sentence: str) -> None:
    report = run(build(language, extra=sentence), language, "email")
    assert blocking(report) == set(), report.violations


def test_a_candidates_score_is_still_blocked() -> None:
    for language, sentence in (("en", "You scored 6 on the case."), ("en", "Your score was the lowest.")):
        report = run(build(language, extra=sentence), language, "email")
        assert blocking(report) == {"over_detailed_reason"}, report.violations


@pytest.mark.parametrize(("language", "channel", "sentence"), PROMISES)
def test_explicit_promises_are_blocked(language: str, channel: str, sentence: str) -> None:
    _single_fault(language, channel, sentence, "false_promise")


@pytest.mark.parametrize(("language", "channel", "sentence"), PROMISE_INNOCENT)
def test_conditional_or_keepable_promises_pass(language: str, channel: str, sentence: str) -> None:
    report = run(build(language, channel, extra=sentence), language, channel)
    assert blocking(report) == set(), report.violations


@pytest.mark.parametrize(("language", "sentence", "ctx"), AGE_INNOCENT)
def test_clients_described_by_age_are_not_an_age_reference(language: str, sentence: str, ctx: dict[str, str]) -> None:
    report = run(build(language, extra=sentence), language, "email", **ctx)
    assert "protected_ground" not in report.rules(), report.violations


@pytest.mark.parametrize(("language", "sentence", "ctx"), AGE)
def test_age_of_the_candidate_or_team_is_blocked(language: str, sentence: str, ctx: dict[str, str]) -> None:
    report = run(build(language, extra=sentence), language, "email", **ctx)
    assert "protected_ground" in blocking(report), report.violations


@pytest.mark.parametrize(
    ("language", "positive", "highlights"),
    [
        ("sv", "Du hade full koll på hur en flotta av truckar sköts.", "din känsla för truckflottor"),
        ("en", "Your feel for planning shifts stood out.", "shift planning"),
    ],
)
def test_a_loosely_echoed_highlight_counts(language: str, positive: str, highlights: str) -> None:
    text = build(language, positive=positive)
    assert "missing_positive" not in run(text, language, "email", highlights=highlights).rules()
    unrelated = build(language, positive="Det var trevligt att ses." if language == "sv" else "It was nice to meet.")
    assert "missing_positive" in run(unrelated, language, "email", highlights=highlights).rules()


# Found by the third blind set: praise idioms, heritage buildings, family-run employers, a promise hidden
# behind a negated phrase, and "the place went to someone else".
@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("Du var lösningsorienterad i caset, det ska du ha cred för.", {"language": "sv"}),
        ("Din kunskap om våra medeltida kyrkor var imponerande.", {"language": "sv"}),
        ("We're a small family-run firm, so I like to ring people myself.", {"language": "en"}),
    ],
)
def test_blind3_innocent_phrases_do_not_block(text: str, ctx: dict[str, str]) -> None:
    report = check(text, CheckContext(**ctx))
    assert not {"harsh_tone", "protected_ground"} & {v.rule for v in report.blocking}


def test_a_negated_phrase_does_not_hide_a_promise() -> None:
    text = "- But don't worry, we'll definitely call you first when the next role opens up."
    assert "false_promise" in check(text, CheckContext(language="en")).rules()


@pytest.mark.parametrize(
    "text",
    [
        "Tyvärr har vi bara en plats, och den här gången gick den till någon som kommit längre i utbildningen.",
        "Sadly the role went to someone with more retail experience.",
    ],
)
def test_the_place_went_to_someone_else_is_a_decision(text: str) -> None:
    lang = "sv" if "Tyvärr" in text else "en"
    assert "no_clear_decision" not in check(text, CheckContext(language=lang)).rules()


def test_sending_a_contract_is_a_promise() -> None:
    text = "Kontraktet skickar jag över nästa vecka."
    assert "false_promise" in check(text, CheckContext(language="sv")).rules()


# Found by the eval rubric: the local model often writes "the recruitment is over" and nothing more.
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vi har nu avslutat rekryteringen och vi önskar dig lycka till med nästa steg.", "sv"),
        ("Vi har nu avslutat rekryteringen och är mycket nöjda med din genomgång av budgeten.", "sv"),
    ],
)
def test_finishing_the_recruitment_is_not_a_decision(text: str, lang: str) -> None:
    assert "no_clear_decision" in check(text, CheckContext(language=lang)).rules()


def test_ending_the_candidates_part_is_a_decision() -> None:
    text = "Vi har valt att avsluta din del i processen."
    assert "no_clear_decision" not in check(text, CheckContext(language="sv")).rules()
