"""Blind ratings: the file format, Cohen's kappa, per-verdict precision/recall, `drafter eval agree`,
and the rubric's agreement with the baseline's raters on tuned and held-out halves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from drafter.cli import main
from drafter.errors import InputError
from evals.ratings.agreement import (
    Prediction,
    agreement,
    by_split,
    class_score,
    cohen_kappa,
    judge_verdict,
    rubric_predictions,
    stored_predictions,
)
from evals.ratings.models import load_ratings
from evals.ratings.sendable import rubric_agreement

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "evals" / "ratings" / "baseline-local-all.jsonl"
REQUEST = {
    "candidate_name": "Elin Berg",
    "role": "lagerledare",
    "company": "Nordfrakt AB",
    "recruiter_name": "Johan Sand",
    "highlights": "din struktur",
    "reason": "vi valde en kandidat med truckkort",
}
GOOD = (
    "Hej Elin,\n\nTack för att du sökte tjänsten som lagerledare och för tiden du gav oss. Din struktur gjorde "
    "intryck på oss.\n\nTyvärr valde vi en kandidat med truckkort, som tjänsten kräver.\n\nHör gärna av dig om "
    "du har frågor. Lycka till framöver!\n\nVänliga hälsningar\nJohan Sand\nNordfrakt AB"
)
MIXED = GOOD.replace("Lycka till framöver!", "Nu är det dags att gå vidare med dig. Lycka till framöver!")


def rated(i: str, draft: str, verdict: str, danger: bool = False, **kw: Any) -> dict[str, Any]:
    return {"id": i, "request": REQUEST, "draft": draft, "verdict": verdict, "danger": danger,
            "grounded": not danger, "problems": [], "rater": "r1", **kw}  # fmt: skip


def write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_kappa_is_one_for_perfect_agreement_and_zero_for_chance() -> None:
    assert cohen_kappa([("send", "send"), ("edit", "edit"), ("rewrite", "rewrite")]) == 1.0
    # Always predicting one label agrees by chance only.
    assert cohen_kappa([("send", "edit"), ("edit", "edit"), ("rewrite", "edit")]) == 0.0
    assert cohen_kappa([]) is None


def test_per_verdict_precision_and_recall() -> None:
    s = class_score([True, True, False, False], [True, False, True, False])
    assert (s.precision, s.recall, s.both) == (0.5, 0.5, 1)
    assert class_score([False], [False]).precision is None


def test_the_rubric_sends_a_good_draft_and_rewrites_a_mixed_one(tmp_path: Path) -> None:
    ratings = load_ratings(write(tmp_path / "r.jsonl", [rated("a", GOOD, "send"), rated("b", MIXED, "rewrite", True)]))
    preds = rubric_predictions(ratings)
    assert preds["a"].verdict == "send" and preds["b"].verdict == "rewrite" and preds["b"].danger
    result = agreement("rubric", ratings, preds)
    assert result.kappa == 1.0 and result.danger is not None and result.danger.recall == 1.0


def test_bad_rating_lines_are_one_sentence_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="verdict"):
        load_ratings(write(tmp_path / "r.jsonl", [rated("a", GOOD, "maybe")]))
    with pytest.raises(InputError, match="duplicate"):
        load_ratings(write(tmp_path / "r.jsonl", [rated("a", GOOD, "send"), rated("a", GOOD, "send")]))


def test_the_split_is_a_fixed_half_by_case_id() -> None:
    ratings = load_ratings(BASELINE)
    halves = {r.split for r in ratings}
    assert halves == {"tune", "holdout"}
    assert all(r.split == load_ratings(BASELINE)[i].split for i, r in enumerate(ratings))


def test_agree_prints_every_scorer_on_both_halves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "r.jsonl", [rated("a", GOOD, "send"), rated("b", MIXED, "rewrite", True, case_id="b")])
    run = tmp_path / "run"
    run.mkdir()
    (run / "results.jsonl").write_text(json.dumps({"case_id": "b", "rubric_mean": 0.83}) + "\n", encoding="utf-8")
    assert main(["eval", "agree", "--ratings", str(path), "--results", str(run), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["scorer"].split(" ")[0], r["split"]) for r in rows} >= {("rubric-v4", "all"), ("stored", "holdout")}
    assert main(["eval", "agree"]) == 1  # no --ratings: one sentence, no traceback
    assert "--ratings" in capsys.readouterr().err


def test_the_judge_verdict_mapping() -> None:
    assert judge_verdict({"clear_decision": 1.0, "respectful": 1.0, "thanks": 1.0}) == Prediction(
        verdict="send", danger=False
    )
    assert judge_verdict({"clear_decision": 0.0, "respectful": 1.0}).verdict == "rewrite"  # type: ignore[union-attr]
    assert judge_verdict({"clear_decision": None}) is None


def test_the_rubric_tracks_the_blind_raters_on_the_held_out_half() -> None:
    """The old rubric scored 0.83 on drafts the rater would rewrite (kappa below 0); the new one must
    agree with the rater on data it was not tuned on."""
    ratings = load_ratings(BASELINE)
    new = {a.split: a for a in by_split("rubric", ratings, rubric_predictions(ratings))}
    old_rows = [json.loads(x) for x in (ROOT / "evals/baselines/local-all/results.jsonl").read_text().splitlines()]
    old = {a.split: a for a in by_split("old", ratings, stored_predictions(old_rows))}
    assert (old["holdout"].kappa or 0) < 0.1
    assert (new["holdout"].kappa or 0) >= 0.7 and (new["tune"].kappa or 0) >= 0.8
    assert new["all"].danger is not None and new["all"].danger.recall == 1.0
    rewrite = [r for r in ratings if r.verdict == "rewrite"]
    from evals.rubric import score_rubric

    means = [score_rubric(r.draft, r.request).mean or 0.0 for r in rewrite]
    assert sum(means) / len(means) < 0.2  # not 0.83


def test_the_summary_estimates_the_sendable_rate_with_the_best_scorer() -> None:
    from eval_helpers import make_result

    from evals.summary import summarize

    results = [make_result("a", rubric_verdict="send"), make_result("b", rubric_verdict="rewrite")]
    pm = summarize(results, ["fake"])["per_model"]["fake"]
    assert pm["sendable_rate"] == 0.5 and pm["sendable_scorer"] == "rubric"
    agreement_ = rubric_agreement()
    assert agreement_ is not None and pm["sendable_kappa"] == agreement_.kappa
