"""Estimate how many drafts a recruiter would send as is, with the scorer that best tracks the raters.

The rubric's agreement is computed live on the shipped ratings (`evals/ratings/*.jsonl`), so it always
describes the current rubric code. The judge's agreement cannot be recomputed offline; `drafter eval
agree --judge P --write` stores it in `evals/ratings/agreement.json`, keyed by judge rubric version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from evals.ratings.agreement import Agreement, agreement, judge_verdict, rubric_predictions
from evals.ratings.models import RatedDraft, load_ratings

RATINGS_DIR = Path(__file__).resolve().parent
STORED_AGREEMENT = RATINGS_DIR / "agreement.json"


def shipped_ratings(directory: Path = RATINGS_DIR) -> list[RatedDraft]:
    """Return every rated draft shipped under evals/ratings/ (none when the folder has no files)."""
    out: list[RatedDraft] = []
    for path in sorted(directory.glob("*.jsonl")):
        out.extend(load_ratings(path))
    return out


@cache
def rubric_agreement() -> Agreement | None:
    """Return the current rubric's agreement with the shipped ratings (computed once per process)."""
    ratings = shipped_ratings()
    return agreement("rubric", ratings, rubric_predictions(ratings)) if ratings else None


def stored_judge_agreement(rubric_version: str | None, path: Path = STORED_AGREEMENT) -> dict[str, Any] | None:
    """Return the stored agreement of the judge with this rubric version, if `agree --write` saved one."""
    if not rubric_version or not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = data.get("judge", {}).get(rubric_version)
    return entry if isinstance(entry, dict) else None


def sendable(results: Sequence[Any], judge_version: str | None) -> dict[str, Any]:
    """Return {sendable_rate, sendable_scorer, sendable_kappa, sendable_n} for one model's results.

    Uses the judge's verdicts when the judge ran and its stored kappa beats the rubric's; otherwise the
    rubric's verdicts. Drafts that failed count as not sendable.
    """
    rubric = rubric_agreement()
    judge = stored_judge_agreement(judge_version)
    judged = [r for r in results if r.judge is not None]
    use_judge = (
        bool(judged) and judge is not None and (rubric is None or (judge.get("kappa") or -1) > (rubric.kappa or -1))
    )
    if use_judge:
        preds = [judge_verdict(r.judge.scores) if r.judge else None for r in results]
        verdicts = [p.verdict if p else None for p in preds]
        kappa, n, scorer = judge.get("kappa"), judge.get("n"), f"judge ({judge_version})"  # type: ignore[union-attr]
    else:
        verdicts = [r.rubric_verdict if r.error is None else None for r in results]
        kappa, n, scorer = (rubric.kappa, rubric.n, "rubric") if rubric else (None, 0, "rubric")
    rate = round(sum(v == "send" for v in verdicts) / len(verdicts), 4) if verdicts else None
    return {"sendable_rate": rate, "sendable_scorer": scorer, "sendable_kappa": kappa, "sendable_n": n}
