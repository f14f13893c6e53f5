"""The CI gate: the local model on the `gate` subset must not fall behind the committed baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.pipeline import Drafter
from evals.cache import EvalCache
from evals.cases import DEFAULT_DATASET, load_cases
from evals.gate import BASELINES_DIR, GATE_TAG, gate_failures
from evals.runner import run_eval, write_run

BASELINE = BASELINES_DIR / "local" / "summary.json"


def _summary(**figures: float) -> dict[str, object]:
    base = {"shown_pass_rate": 1.0, "rubric_mean": 0.8, "first_try_pass_rate": 0.5, "expect_pass_rate": 1.0}
    return {"per_model": {"local": {**base, **figures}}}


def test_gate_margins() -> None:
    baseline = _summary()
    assert gate_failures(_summary(), baseline, "local") == []
    assert gate_failures(_summary(rubric_mean=0.71, first_try_pass_rate=0.25), baseline, "local") == []
    assert len(gate_failures(_summary(shown_pass_rate=0.875), baseline, "local")) == 1
    assert "rubric_mean" in gate_failures(_summary(rubric_mean=0.69), baseline, "local")[0]
    assert "first_try" in gate_failures(_summary(first_try_pass_rate=0.2), baseline, "local")[0]
    assert "expect" in gate_failures(_summary(expect_pass_rate=0.8), baseline, "local")[0]


def test_baseline_matches_the_gate_subset() -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    ids = {json.loads(line)["case_id"] for line in (BASELINE.parent / "results.jsonl").read_text().splitlines()}
    assert ids == {c.id for c in load_cases(DEFAULT_DATASET, [GATE_TAG])}
    assert baseline["models"] == ["local"] and baseline["per_model"]["local"]["shown_pass_rate"] == 1.0


@pytest.mark.slow
def test_local_model_passes_the_gate(local_drafter: Drafter, tmp_path: Path) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    cases = load_cases(DEFAULT_DATASET, [GATE_TAG])
    # A fresh cache in tmp: the model really runs.
    results = run_eval(cases, [local_drafter], cache=EvalCache(tmp_path / "cache"), progress=False)
    summary = write_run(tmp_path / "run", results, ["local"])
    assert not any(r.cached for r in results)
    failures = gate_failures(summary, baseline, "local")
    assert not failures, f"eval gate failed (run in {tmp_path / 'run'}): " + "; ".join(failures)
