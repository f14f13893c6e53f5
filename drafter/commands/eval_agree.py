"""`drafter eval agree`: how well the rubric, a stored run and the LLM judge agree with blind raters."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from drafter.errors import InputError


def _stored_rows(where: str) -> list[dict[str, Any]]:
    path = Path(where)
    if path.is_dir():
        path = path / "results.jsonl"
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError as exc:
        raise InputError(f"Cannot read results {path}: {exc.strerror}.") from None
    except json.JSONDecodeError:
        raise InputError(f"{path} is not a results.jsonl file (JSON Lines).") from None


def agree(args: argparse.Namespace) -> int:
    """Print (or store) the agreement of every available scorer with the ratings file."""
    from evals.ratings.agreement import by_split, judge_predictions, rubric_predictions, stored_predictions
    from evals.ratings.models import load_ratings
    from evals.rubric import RUBRIC_VERSION

    ratings = load_ratings(args.ratings)
    scorers: list[tuple[str, dict[str, Any]]] = [(RUBRIC_VERSION, rubric_predictions(ratings))]
    for where in args.results or []:
        rows = _stored_rows(where)
        scorers.append((f"stored rubric_mean ({where})", stored_predictions(rows)))
    judge_version = None
    if args.judge:
        from drafter.config import load_settings
        from evals.judge import Judge

        judge = Judge.from_profile(args.judge, load_settings(args.config), args.judge_repeats, args.judge_rubric)
        judge_version = judge.rubric.version
        preds = judge_predictions(ratings, lambda r: judge.score(r.request, r.draft).scores)
        scorers.append((f"judge:{args.judge} ({judge_version})", preds))
    results = [a for name, preds in scorers for a in by_split(name, ratings, preds)]
    if args.write and args.judge:
        _write_judge(results, judge_version)
    if args.json:
        print(json.dumps([a.model_dump() for a in results], indent=2, ensure_ascii=False))
    else:
        print(_table(results, len(ratings)))
    return 0


def _write_judge(results: list[Any], version: str | None) -> None:
    from evals.ratings.sendable import STORED_AGREEMENT

    judge_all = next(a for a in results if a.scorer.startswith("judge:") and a.split == "all")
    data = json.loads(STORED_AGREEMENT.read_text(encoding="utf-8")) if STORED_AGREEMENT.is_file() else {}
    data.setdefault("judge", {})[version or "unknown"] = {"kappa": judge_all.kappa, "n": judge_all.n}
    STORED_AGREEMENT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _table(results: list[Any], n_ratings: int) -> str:
    lines = [
        f"{n_ratings} rated drafts; split = fixed hash of the case id (tune / holdout)",
        f"{'scorer':<44}{'split':<9}{'n':>4}{'acc':>6}{'kappa':>7}"
        + "".join(f"{v + ' P/R':>14}" for v in ("send", "edit", "rewrite"))
        + f"{'danger P/R':>14}",
    ]
    for a in results:
        per = "".join(f"{_cell(c.precision) + '/' + _cell(c.recall):>14}" for c in a.per_verdict.values())
        danger = f"{_cell(a.danger.precision) + '/' + _cell(a.danger.recall):>14}" if a.danger else f"{'–':>14}"
        lines.append(f"{a.scorer[:43]:<44}{a.split:<9}{a.n:>4}{_cell(a.accuracy):>6}{_cell(a.kappa):>7}{per}{danger}")
    return "\n".join(lines)
