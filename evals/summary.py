"""Aggregate per-case results into the per-model figures of summary.json."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from evals.ratings.sendable import sendable
from evals.rubric import RUBRIC_ITEMS
from evals.scoring import CaseResult

SUMMARY_SCHEMA = 2


def percentile(values: Sequence[float], q: float) -> float | None:
    """Return the q-th percentile (0..100) with linear interpolation, or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _mean(values: Iterable[float | int | None]) -> float | None:
    known = [float(v) for v in values if v is not None]
    return round(sum(known) / len(known), 4) if known else None


def _rate(flags: Iterable[bool]) -> float | None:
    items = list(flags)
    return round(sum(items) / len(items), 4) if items else None


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def model_summary(results: list[CaseResult]) -> dict[str, Any]:
    """Return the figures for one model's results (errors count as failures in every rate)."""
    ok = [r for r in results if r.error is None]
    shown_rules = Counter(v.rule for r in ok for v in r.violations)
    block_rules = Counter(v.rule for r in ok for v in r.violations if v.severity == "block")
    first_rules = Counter(rule for r in ok for rule in r.first_try_rules)
    latencies = [r.latency_s for r in ok]
    lix = [r.readability for r in ok if r.readability_metric == "lix"]
    flesch = [r.readability for r in ok if r.readability_metric == "flesch"]
    judged = [r.judge for r in ok if r.judge is not None]
    expected = [r for r in results if r.expect_passed is not None or r.error]
    return {
        "n": len(results),
        "n_errors": len(results) - len(ok),
        "error_rate": _rate(r.error is not None for r in results),
        "shown_pass_rate": _rate(r.error is None and r.shown_passed for r in results),
        "first_try_pass_rate": _rate(r.error is None and r.first_try_passed for r in results),
        "fallback_rate": _rate(r.fallback_used for r in ok),
        "rubric_mean": _mean(r.rubric_mean for r in ok),
        "rubric_items": {item: _mean(r.rubric.get(item) for r in ok) for item in RUBRIC_ITEMS},
        "expect_pass_rate": _rate(bool(r.expect_passed) for r in expected),
        "violations": dict(sorted(shown_rules.items())),
        "block_violations": dict(sorted(block_rules.items())),
        "first_try_violations": dict(sorted(first_rules.items())),
        "lix_mean": _mean(lix),
        "flesch_mean": _mean(flesch),
        "words_mean": _mean(r.words for r in ok),
        "attempts_mean": _mean(r.n_attempts for r in ok),
        "latency_mean_s": _round(_mean(latencies)),
        "latency_p50_s": _round(percentile(latencies, 50)),
        "latency_p95_s": _round(percentile(latencies, 95)),
        "prompt_tokens_mean": _mean(r.prompt_tokens for r in ok),
        "completion_tokens_mean": _mean(r.completion_tokens for r in ok),
        "cached_rate": _rate(r.cached for r in ok),
        "judge_mean": _mean(j.mean for j in judged),
        "judge_agreement": _mean(j.agreement for j in judged),
        "rubric_verdicts": {v: sum(r.rubric_verdict == v for r in ok) for v in ("send", "edit", "rewrite")},
        "danger_rate": _rate(bool(r.rubric_danger) for r in ok),
        # Estimated share a recruiter sends as is, from the scorer that agrees best with blind raters.
        **sendable(results, judged[0].rubric_version if judged else None),
    }


def _slices(results: list[CaseResult]) -> dict[str, dict[str, Any]]:
    """Return shown pass rate and rubric mean per language and per channel."""
    out: dict[str, dict[str, Any]] = {}
    for key in ("language", "channel"):
        for value in sorted({getattr(r, key) for r in results}):
            part = [r for r in results if getattr(r, key) == value]
            ok = [r for r in part if r.error is None]
            out[f"{key}={value}"] = {
                "n": len(part),
                "shown_pass_rate": _rate(r.error is None and r.shown_passed for r in part),
                "rubric_mean": _mean(r.rubric_mean for r in ok),
            }
    return out


def summarize(results: list[CaseResult], models: list[str], meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return summary.json's content for a run."""
    per_model: dict[str, Any] = {}
    for name in models:
        mine = [r for r in results if r.model == name]
        per_model[name] = {**model_summary(mine), "slices": _slices(mine)}
    return {
        "schema": SUMMARY_SCHEMA,
        "n_cases": len({r.case_id for r in results}),
        "models": models,
        **(meta or {}),
        "per_model": per_model,
    }
