"""Compare two eval runs: per-metric deltas and the cases that got better or worse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.errors import InputError
from evals.runner import read_run
from evals.scoring import CaseResult

# (metric, higher is better?)
COMPARE_METRICS: tuple[tuple[str, bool | None], ...] = (
    ("shown_pass_rate", True),
    ("first_try_pass_rate", True),
    ("fallback_rate", False),
    ("rubric_mean", True),
    ("expect_pass_rate", True),
    ("judge_mean", True),
    ("lix_mean", None),
    ("flesch_mean", None),
    ("words_mean", None),
    ("latency_p50_s", False),
    ("latency_p95_s", False),
    ("error_rate", False),
)
EPS = 1e-9


def _pairs(models_a: list[str], models_b: list[str]) -> list[tuple[str, str]]:
    """Pair models by name; two single-model runs pair whatever their names."""
    common = [m for m in models_a if m in models_b]
    if common:
        return [(m, m) for m in common]
    if len(models_a) == 1 and len(models_b) == 1:
        return [(models_a[0], models_b[0])]
    raise InputError(f"The runs share no model: {', '.join(models_a)} vs {', '.join(models_b)}.")


def _case_change(a: CaseResult, b: CaseResult) -> dict[str, Any] | None:
    """Return how a case changed, or None when it did not."""
    pass_a = a.error is None and a.shown_passed
    pass_b = b.error is None and b.shown_passed
    ra, rb = a.rubric_mean or 0.0, b.rubric_mean or 0.0
    ea, eb = bool(a.expect_passed), bool(b.expect_passed)
    score = (pass_b - pass_a) * 4 + (eb - ea) * 2 + (rb - ra)
    if abs(score) < EPS and a.first_try_passed == b.first_try_passed:
        return None
    if abs(score) < EPS:
        score = 0.5 if b.first_try_passed else -0.5
    return {
        "case_id": a.case_id,
        "direction": "better" if score > 0 else "worse",
        "shown_pass": [pass_a, pass_b],
        "first_try_pass": [a.first_try_passed, b.first_try_passed],
        "expect_pass": [a.expect_passed, b.expect_passed],
        "rubric_mean": [a.rubric_mean, b.rubric_mean],
    }


def compare_runs(dir_a: str | Path, dir_b: str | Path) -> dict[str, Any]:
    """Return the comparison of run B against run A (deltas are B - A)."""
    sum_a, res_a = read_run(dir_a)
    sum_b, res_b = read_run(dir_b)
    out: dict[str, Any] = {"run_a": str(dir_a), "run_b": str(dir_b), "models": []}
    for ma, mb in _pairs(sum_a.get("models", []), sum_b.get("models", [])):
        pa, pb = sum_a["per_model"][ma], sum_b["per_model"][mb]
        metrics = {}
        for key, _ in COMPARE_METRICS:
            va, vb = pa.get(key), pb.get(key)
            delta = None if va is None or vb is None else round(vb - va, 4)
            metrics[key] = {"a": va, "b": vb, "delta": delta}
        cases_a = {r.case_id: r for r in res_a if r.model == ma}
        cases_b = {r.case_id: r for r in res_b if r.model == mb}
        changes = [c for cid in cases_a if cid in cases_b if (c := _case_change(cases_a[cid], cases_b[cid]))]
        out["models"].append(
            {
                "model_a": ma,
                "model_b": mb,
                "metrics": metrics,
                "better": [c for c in changes if c["direction"] == "better"],
                "worse": [c for c in changes if c["direction"] == "worse"],
                "unchanged": sum(1 for cid in cases_a if cid in cases_b) - len(changes),
                "only_in_a": sorted(set(cases_a) - set(cases_b)),
                "only_in_b": sorted(set(cases_b) - set(cases_a)),
            }
        )
    return out


def _num(value: Any) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _sign(delta: float | None, better: bool | None) -> str:
    if delta is None or abs(delta) < EPS or better is None:
        return ""
    return "  better" if (delta > 0) == better else "  worse"


def _case_line(c: dict[str, Any]) -> str:
    sa, sb = ("pass" if x else "FAIL" for x in c["shown_pass"])
    ra, rb = (_num(x) for x in c["rubric_mean"])
    ea, eb = ("–" if x is None else "ok" if x else "no" for x in c["expect_pass"])
    return f"  {c['case_id']:<40} shown {sa}->{sb}  rubric {ra}->{rb}  expect {ea}->{eb}"


def format_comparison(cmp: dict[str, Any]) -> str:
    """Return the comparison as a plain-text table."""
    lines = [f"A: {cmp['run_a']}", f"B: {cmp['run_b']}"]
    better_of = dict(COMPARE_METRICS)
    for m in cmp["models"]:
        name = m["model_a"] if m["model_a"] == m["model_b"] else f"{m['model_a']} -> {m['model_b']}"
        lines += ["", f"Model {name}", f"  {'metric':<22}{'A':>10}{'B':>10}{'B-A':>10}"]
        for key, v in m["metrics"].items():
            delta = v["delta"]
            d = "–" if delta is None else f"{delta:+.3f}"
            lines.append(f"  {key:<22}{_num(v['a']):>10}{_num(v['b']):>10}{d:>10}{_sign(delta, better_of[key])}")
        lines.append(f"  Better ({len(m['better'])}):")
        lines += [_case_line(c) for c in m["better"]] or ["  (none)"]
        lines.append(f"  Worse ({len(m['worse'])}):")
        lines += [_case_line(c) for c in m["worse"]] or ["  (none)"]
        lines.append(f"  Unchanged: {m['unchanged']}")
        if m["only_in_a"] or m["only_in_b"]:
            lines.append(f"  Only in A: {len(m['only_in_a'])}; only in B: {len(m['only_in_b'])}")
    return "\n".join(lines)
