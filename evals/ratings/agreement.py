"""How well a scorer agrees with blind raters: Cohen's kappa and per-verdict precision/recall.

A scorer predicts, for each rated draft, a verdict (send / edit / rewrite) and whether the draft
could mislead the candidate. Scorers: the deterministic rubric (`rubric`), a stored score column of
an earlier run (`stored`, e.g. the old rubric's `rubric_mean` in a baseline), and the LLM judge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from evals.ratings.models import VERDICTS, RatedDraft, Verdict


class Prediction(BaseModel):
    """What a scorer says about one rated draft."""

    verdict: Verdict = Field(description="Predicted verdict.")
    danger: bool | None = Field(default=None, description="Predicted: could mislead (None: the scorer cannot say).")


class ClassScore(BaseModel):
    """Precision and recall of one verdict (or of the danger flag)."""

    rated: int = Field(description="How many drafts the raters gave this label.")
    predicted: int = Field(description="How many the scorer gave it.")
    both: int = Field(description="How many both gave it.")
    precision: float | None = Field(description="both / predicted (None when never predicted).")
    recall: float | None = Field(description="both / rated (None when never rated).")


class Agreement(BaseModel):
    """One scorer against the raters on one split."""

    scorer: str = Field(description="Scorer name, e.g. `rubric`, `rubric-v1 (stored)`, `judge:local`.")
    split: str = Field(description="`all`, `tune` or `holdout`.")
    n: int = Field(description="Rated drafts the scorer gave a verdict for.")
    accuracy: float | None = Field(description="Share of drafts with the raters' verdict.")
    kappa: float | None = Field(description="Cohen's kappa on the verdict (1 perfect, 0 chance).")
    per_verdict: dict[str, ClassScore] = Field(description="Precision and recall per verdict.")
    danger: ClassScore | None = Field(default=None, description="Precision/recall of 'could mislead'.")
    confusion: dict[str, dict[str, int]] = Field(description="rated verdict -> predicted verdict -> count.")


def cohen_kappa(pairs: Sequence[tuple[str, str]], labels: Iterable[str] = VERDICTS) -> float | None:
    """Return Cohen's kappa of (rated, predicted) pairs; None for no pairs, 1.0 when both agree on one label."""
    n = len(pairs)
    if not n:
        return None
    labels = list(labels)
    observed = sum(a == b for a, b in pairs) / n
    expected = sum((sum(a == c for a, _ in pairs) / n) * (sum(b == c for _, b in pairs) / n) for c in labels)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return round((observed - expected) / (1 - expected), 4)


def class_score(rated: Sequence[bool], predicted: Sequence[bool]) -> ClassScore:
    """Return precision and recall of one binary label."""
    both = sum(a and b for a, b in zip(rated, predicted, strict=True))
    n_rated, n_pred = sum(rated), sum(predicted)
    return ClassScore(
        rated=n_rated,
        predicted=n_pred,
        both=both,
        precision=round(both / n_pred, 4) if n_pred else None,
        recall=round(both / n_rated, 4) if n_rated else None,
    )


def agreement(
    scorer: str, ratings: Sequence[RatedDraft], predictions: dict[str, Prediction], split: str = "all"
) -> Agreement:
    """Compare a scorer's predictions (by rated-draft id) with the raters' verdicts."""
    rated = [r for r in ratings if r.id in predictions]
    pairs = [(r.verdict, predictions[r.id].verdict) for r in rated]
    per = {v: class_score([a == v for a, _ in pairs], [b == v for _, b in pairs]) for v in VERDICTS}
    with_danger = [r for r in rated if predictions[r.id].danger is not None]
    danger = (
        class_score([r.danger for r in with_danger], [bool(predictions[r.id].danger) for r in with_danger])
        if with_danger
        else None
    )
    confusion = {a: {b: sum(1 for x, y in pairs if x == a and y == b) for b in VERDICTS} for a in VERDICTS}
    return Agreement(
        scorer=scorer,
        split=split,
        n=len(pairs),
        accuracy=round(sum(a == b for a, b in pairs) / len(pairs), 4) if pairs else None,
        kappa=cohen_kappa(pairs),
        per_verdict=per,
        danger=danger,
        confusion=confusion,
    )


def by_split(scorer: str, ratings: Sequence[RatedDraft], predictions: dict[str, Prediction]) -> list[Agreement]:
    """Return the agreement on all ratings, on the tuning half and on the held-out half."""
    halves: dict[str, list[RatedDraft]] = {"all": list(ratings)}
    for name in ("tune", "holdout"):
        halves[name] = [r for r in ratings if r.split == name]
    return [agreement(scorer, part, predictions, name) for name, part in halves.items()]


def rubric_predictions(ratings: Sequence[RatedDraft]) -> dict[str, Prediction]:
    """Return the current rubric's verdict for every rated draft."""
    from evals.rubric import score_rubric

    out = {}
    for r in ratings:
        score = score_rubric(r.draft, r.request)
        out[r.id] = Prediction(verdict=score.verdict, danger=score.danger)
    return out


def verdict_from_score(score: float | None, send_at: float = 0.95, edit_at: float = 0.6) -> Verdict | None:
    """Map a 0..1 score (an older rubric's mean, a judge's mean) to a verdict."""
    if score is None:
        return None
    return "send" if score >= send_at else "edit" if score >= edit_at else "rewrite"


def stored_predictions(results: Iterable[dict[str, Any]], key: str = "rubric_mean") -> dict[str, Prediction]:
    """Return verdicts from a stored score column of a run's results (by case id)."""
    out = {}
    for row in results:
        verdict = verdict_from_score(row.get(key))
        if verdict is not None:
            out[str(row["case_id"])] = Prediction(verdict=verdict)
    return out


def judge_verdict(items: dict[str, float | None]) -> Prediction | None:
    """Return the verdict a judge's item scores mean: an unclear decision or a disrespectful tone is a rewrite."""
    known = [v for v in items.values() if v is not None]
    if not known:
        return None
    unclear = (items.get("clear_decision") or 0) < 0.5 or (items.get("respectful") or 0) < 0.5
    verdict = "rewrite" if unclear else verdict_from_score(sum(known) / len(known))
    return Prediction(verdict=verdict or "rewrite", danger=unclear)


def judge_predictions(
    ratings: Sequence[RatedDraft], grade: Callable[[RatedDraft], dict[str, float | None]]
) -> dict[str, Prediction]:
    """Return the judge's verdict for every rated draft it could grade."""
    out = {}
    for r in ratings:
        pred = judge_verdict(grade(r))
        if pred is not None:
            out[r.id] = pred
    return out


def best(agreements: Sequence[Agreement]) -> Agreement | None:
    """Return the agreement with the highest kappa (ties: more drafts)."""
    known = [a for a in agreements if a.kappa is not None]
    return max(known, key=lambda a: (a.kappa or 0.0, a.n)) if known else None
