"""The LLM-judge rubric file, its parsing and repeat agreement (with a scripted judge)."""

from __future__ import annotations

import pytest

from drafter.errors import ConfigError
from drafter.models import DraftRequest
from evals.judge import Judge, load_rubric

REQ = DraftRequest(
    candidate_name="Grace Mensah",
    role="ICU nurse",
    company="St. Olaf Hospital",
    recruiter_name="David Clarke",
    language="en",
    highlights="calm account",
    internal_notes="SECRET NOTE about her age",
    chosen_candidate_name="Helen Park",
)


def answer(**grades: int) -> str:
    rubric = load_rubric()
    return "\n".join(f"{item}: {grades.get(item, 1)}" for item in rubric.items)


def test_rubric_file_is_versioned_and_renders_without_private_fields() -> None:
    rubric = load_rubric("v1")
    assert rubric.version == "judge-v1"
    prompt = rubric.render(REQ, "Dear Grace, ...")
    assert "Dear Grace" in prompt and "Grace Mensah" in prompt
    assert "SECRET" not in prompt and "Helen Park" not in prompt
    assert "no feedback" in prompt


def test_unknown_rubric_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_rubric("v999")


def test_judge_scores_and_full_agreement() -> None:
    seeds: list[int] = []

    def complete(prompt: str, seed: int) -> str:
        seeds.append(seed)
        return answer(close=0)

    score = Judge(complete, load_rubric(), repeats=3, seed=7).score(REQ, "text")
    assert seeds == [7, 8, 9]
    assert score.scores["close"] == 0 and score.scores["thanks"] == 1
    assert score.agreement == 1.0 and score.repeats == 3 and score.errors == []
    assert score.mean == pytest.approx(6 / 7, abs=1e-3)


def test_judge_disagreement_and_unparsable_answers() -> None:
    replies = iter([answer(close=0), answer(close=1), "I think it is fine."])
    score = Judge(lambda p, s: next(replies), load_rubric(), repeats=3).score(REQ, "text")
    assert score.scores["close"] == 0.5
    n_items = len(load_rubric().items)
    assert score.agreement == pytest.approx((n_items - 1) / n_items)
    assert len(score.errors) == 1 and "repeat 3" in score.errors[0]


def test_judge_with_no_usable_answer_has_no_scores() -> None:
    score = Judge(lambda p, s: "??", load_rubric(), repeats=2).score(REQ, "text")
    assert score.mean is None and score.agreement is None and len(score.errors) == 2
