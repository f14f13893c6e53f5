"""The hostile-input corpus through the pipeline: a clear InputError, or a clean draft without the payload."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Case, draft_problems, error_problems, load_corpus, parrot_letter

from drafter.config import Settings
from drafter.errors import InputError
from drafter.models import DraftRequest, parse_request
from drafter.pipeline import Drafter

CASES = load_corpus()
DRAFT_CASES = [c for c in CASES if not c.wants_error]
# Every draft case on the real model too: with slot drafting a hostile draft takes about a second.
LOCAL_CASES = DRAFT_CASES


def _ids(cases: list[Case]) -> list[str]:
    return [c.id for c in cases]


def test_corpus_is_large_and_covers_both_languages_and_outcomes() -> None:
    assert len(CASES) >= 80
    assert len({c.id for c in CASES}) == len(CASES)
    by_language = Counter(c.language for c in CASES)
    assert by_language["sv"] >= 30 and by_language["en"] >= 30
    outcomes = Counter(c.expect["outcome"] for c in CASES)
    assert outcomes["input_error"] >= 20 and outcomes["draft"] >= 20
    kinds = {c.kind for c in CASES}
    for kind in ("fake_system", "roleplay", "forged_turn", "delimiter", "base64", "blank_lines", "html", "markdown",
                 "zero_width", "control", "bidi", "tag_chars", "limits", "emoji", "combining", "sql", "formula",
                 "protected_name", "header_injection"):  # fmt: skip
        assert kind in kinds, kind


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_case_is_refused_in_one_sentence_or_accepted(case: Case) -> None:
    if case.wants_error:
        with pytest.raises(InputError) as info:
            parse_request(case.request)
        assert not error_problems(case, str(info.value)), (str(info.value), error_problems(case, str(info.value)))
    else:
        parse_request(case.request)  # raises on a wrong refusal


def _request(case: Case) -> DraftRequest:
    return parse_request(case.request)


@pytest.mark.parametrize("case", DRAFT_CASES, ids=_ids(DRAFT_CASES))
@pytest.mark.parametrize("kind", ["chat", "completion"])
def test_obedient_model_cannot_show_a_payload(case: Case, kind: str, settings: Settings) -> None:
    request = _request(case)
    letter = parrot_letter(request.prompt_fields(), request.language)
    if kind == "completion":  # a base model continues the opening the pipeline wrote
        spec_opening_end = letter.index("\n\n") + 2
        letter = letter[spec_opening_end:]
    result = Drafter.with_fake([letter], settings=settings, kind=kind).draft(request)  # type: ignore[arg-type]
    problems = draft_problems(case, result.text, result.report.passed)
    assert not problems, (problems, result.fallback_reason, result.text)


@pytest.mark.slow
@pytest.mark.timeout(1800)  # a hostile draft may take every sample, then the composer, on a busy CPU
@pytest.mark.parametrize("case", LOCAL_CASES, ids=_ids(LOCAL_CASES))
def test_local_model_draft_is_clean(case: Case, local_drafter: Drafter) -> None:
    result = local_drafter.draft(_request(case))
    problems = draft_problems(case, result.text, result.report.passed)
    assert not problems, (problems, result.fallback_reason, result.text)
