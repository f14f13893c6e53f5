"""Leakage of the chosen candidate or the internal notes, and the wrong-language rule."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from guardrails.report import GuardrailReport

Found = Callable[..., set[str]]


@pytest.mark.parametrize(
    ("sentence", "bad"),
    [
        ("Vi har valt Per Olsson till tjänsten.", True),
        ("Olsson har mer erfarenhet av upphandling.", True),
        ("Vi pratade med Erik om schemat.", True),
        ("Vi har valt en annan kandidat.", False),
        ("Vi har en olsson-modell i lagret.", False),
    ],
)
def test_chosen_candidates_name(found: Found, letter: Callable[..., str], sentence: str, bad: bool) -> None:
    result = found(letter(sentence), chosen_candidate_name="Erik Olsson")
    assert ("leaks_other_candidate" in result) is bad


def test_shared_first_name_is_not_a_leak(found: Found, letter: Callable[..., str]) -> None:
    # The chosen person shares the candidate's first name: greeting Anna is fine, the surname is not.
    assert "leaks_other_candidate" not in found(letter(), chosen_candidate_name="Anna Westin")
    assert "leaks_other_candidate" in found(letter("Westin började i måndags."), chosen_candidate_name="Anna Westin")


def test_names_that_are_common_words_leak_only_in_full(found: Found, letter: Callable[..., str]) -> None:
    assert "leaks_other_candidate" not in found(letter("Priset per timme är fast."), chosen_candidate_name="Per Olsson")
    assert "leaks_other_candidate" in found(letter("Vi valde Per Olsson."), chosen_candidate_name="Per Olsson")


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("sv", "Den vi valde har tio års erfarenhet av upphandling."),
        ("sv", "Kandidaten vi anställde har en civilekonomexamen."),
        ("en", "The person we hired has 10 years of experience in procurement."),
        ("en", "The successful candidate holds a CFA charter."),
    ],
)
def test_merits_of_the_chosen_candidate(found: Found, letter: Callable[..., str], language: str, sentence: str) -> None:
    assert "leaks_other_candidate" in found(letter(sentence, language), language)


def test_generic_comparison_is_not_a_merit(found: Found, letter: Callable[..., str]) -> None:
    text = letter("Den andra kandidaten var ett något bättre val för oss just nu.")
    assert "leaks_other_candidate" not in found(text)


NOTES = "Verkade trött, kanske småbarn hemma. Lägre poäng på case: 2/5. Referens från Vattenfall var ljum."


def test_notes_verbatim_run_leaks(report: Callable[..., GuardrailReport], letter: Callable[..., str]) -> None:
    text = letter("Du verkade trött, kanske småbarn hemma, enligt våra anteckningar.")
    result = report(text, internal_notes=NOTES)
    leak = next(v for v in result.violations if v.rule == "leaks_internal_notes")
    assert leak.span is not None and "trött" in text[leak.span[0] : leak.span[1]]


def test_notes_distinctive_tokens_leak(found: Found, letter: Callable[..., str]) -> None:
    assert "leaks_internal_notes" in found(letter("Referensen från Vattenfall vägde in."), internal_notes=NOTES)


def test_notes_paraphrase_with_distinctive_words_leaks(found: Found, letter: Callable[..., str]) -> None:
    notes = "Långtidssjukskriven för utbrändhet enligt referensen."
    text = letter("Vi fick veta om din långtidssjukskrivning och utbrändheten.")
    assert "leaks_internal_notes" in found(text, internal_notes=notes)


def test_letter_sharing_only_generic_words_with_notes_passes(found: Found, letter: Callable[..., str]) -> None:
    notes = "Vi har valt att gå vidare med en annan kandidat; Anna var stark men Erik hade mer erfarenhet."
    assert "leaks_internal_notes" not in found(letter(), internal_notes=notes)


def test_wrong_language_whole_text(found: Found, letter: Callable[..., str]) -> None:
    assert "wrong_language" in found(letter(language="en"), "sv")
    assert "wrong_language" in found(letter(language="sv"), "en")


def test_wrong_language_passage_span(report: Callable[..., GuardrailReport], letter: Callable[..., str]) -> None:
    passage = "We also want to say that we really enjoyed meeting you and that the team was impressed by your work."
    text = letter(passage)
    result = report(text)
    v = next(v for v in result.violations if v.rule == "wrong_language")
    assert v.span is not None and text[v.span[0] : v.span[1]] == passage


def test_norwegian_is_not_swedish(found: Found) -> None:
    text = (
        "Hei Anna,\n\nTakk for din interesse for stillingen som "
        "prosjektleder og for tiden du brukte på intervjuet. "
        "Vi har dessverre valgt en annen kandidat, men vi ønsker deg "
        "lykke til videre og du må gjerne ta kontakt "
        "hvis du har spørsmål.\n\nMed vennlig hilsen\nKarin"
    )
    assert "wrong_language" in found(text)


def test_english_titles_in_swedish_text_pass(found: Found, letter: Callable[..., str]) -> None:
    text = letter("Din erfarenhet som Senior Backend Developer på Spotify och av Customer Success syntes tydligt.")
    assert "wrong_language" not in found(text)


def test_no_language_means_no_language_check(letter: Callable[..., str]) -> None:
    from drafter.models import CheckContext
    from guardrails import check

    assert "wrong_language" not in check(letter(language="en"), CheckContext(candidate_name="Anna")).rules()


@pytest.mark.parametrize(
    ("language", "sentence", "bad"),
    [
        ("sv", "Vi har gått vidare med Ebba, som har tio års erfarenhet av inköp.", True),
        ("sv", "Vi har gått vidare med en kandidat som har erfarenhet av inköp.", False),
        ("en", "We have offered the role to Sophie Blake, whose packaging work is exactly what we need.", True),
        ("en", "We have offered the role to a candidate who has packaging experience.", False),
    ],
)
def test_named_hire_with_merits_without_a_chosen_name(
    found: Found, letter: Callable[..., str], language: str, sentence: str, bad: bool
) -> None:
    assert ("leaks_other_candidate" in found(letter(sentence, language), language)) is bad
