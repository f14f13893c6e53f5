"""protected_ground: the seven grounds and their proxies, said of the candidate, and innocent look-alikes.

Cases are data: tests/data/guardrails/protected.jsonl; every concept lexicon
(guardrails/lexicons/protected_*.toml) also carries its own examples and counter-examples.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from caselib import load, verify

from guardrails import check
from guardrails.concepts import word_ground
from guardrails.context import CheckContext
from guardrails.morph import stem


def _lexicon_sentences(key: str) -> list[Any]:
    params = []
    for entry in sorted(resources.files("guardrails.lexicons").iterdir(), key=lambda e: e.name):
        if entry.name.startswith("protected_") and entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            for language, sentences in data.get(key, {}).items():
                for n, sentence in enumerate(sentences, start=1):
                    params.append(pytest.param(language, sentence, id=f"{entry.name[10:-5]}-{language}-{n}"))
    return params


@pytest.mark.parametrize("case", load("protected"))
def test_case(case: dict[str, Any]) -> None:
    verify(case)


@pytest.mark.parametrize(("language", "sentence"), _lexicon_sentences("examples"))
def test_every_concept_example_is_blocked(language: str, sentence: str) -> None:
    assert "protected_ground" in check(sentence, CheckContext(language=language)).rules()


@pytest.mark.parametrize(("language", "sentence"), _lexicon_sentences("counter_examples"))
def test_no_concept_counter_example_is_blocked(language: str, sentence: str) -> None:
    assert "protected_ground" not in check(sentence, CheckContext(language=language)).rules()


def test_every_concept_lexicon_has_examples_and_counter_examples_in_both_languages() -> None:
    for key in ("examples", "counter_examples"):
        have = {tuple(p.id.rsplit("-", 2)[:2]) for p in _lexicon_sentences(key)}
        grounds = {ground for ground, _ in have}
        assert {(g, lang) for g in grounds for lang in ("sv", "en")} <= have, key
        files = list((Path(__file__).parents[2] / "guardrails" / "lexicons").glob("protected_*.toml"))
        assert len(grounds) == len(files), key


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("knäskadan", "sv", "health"),  # a compound is judged by its head
        ("åldersanalys", "sv", None),  # ... so an analysis is not an age
        ("schemaläggning", "sv", None),  # a head only counts when the lexicon lets it head a compound
        ("sjukskrivningsperioderna", "sv", "health"),  # a light head takes the modifier's meaning
        ("lagerkillarna", "sv", "gender"),
        ("gender-neutral", "en", None),  # a hyphenated word is judged by its last part
        ("injuries", "en", "health"),  # one lemma covers its inflections
        ("assistant", "sv", None),
    ],
)
def test_words_are_matched_by_stem_and_compound_head(word: str, language: str, expected: str | None) -> None:
    from guardrails.concepts import grounds

    found = word_ground(word, language)
    assert (grounds()[found].ground if found is not None else None) == expected


def test_the_swedish_stem_drops_the_definite_ending() -> None:
    assert stem("skadan", "sv") == stem("skada", "sv") == stem("skador", "sv")


def test_names_that_look_like_words_pass(found: Callable[..., set[str]], letter: Callable[..., str]) -> None:
    text = letter(language="en").replace("Dear Anna", "Dear Faith").replace("Karin Ek", "Christian Young")
    assert "protected_ground" not in found(text, "en", candidate_name="Faith Moore", recruiter_name="Christian Young")


def test_message_names_the_ground_in_the_requests_language(
    report: Callable[..., Any], letter: Callable[..., str]
) -> None:
    result = report(letter("Vi funderade på din ålder."))
    message = next(v.message for v in result.violations if v.rule == "protected_ground")
    assert "ålder" in message and "diskriminering" in message


def test_the_jobs_subject_matter_counts_once_it_is_said_of_the_candidate() -> None:
    ctx = CheckContext(language="en", role="midwife", highlights="your antenatal classes for pregnant patients")
    assert "protected_ground" not in check("Your antenatal classes for pregnant patients were excellent.", ctx).rules()
    assert "protected_ground" in check("As you are pregnant yourself, the night shifts would be hard.", ctx).rules()
