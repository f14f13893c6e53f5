"""Comparing two runs: deltas, better/worse cases, text and JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_helpers import make_result

from drafter.cli import main
from evals.compare import compare_runs, format_comparison
from evals.runner import write_run


@pytest.fixture
def two_runs(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a", tmp_path / "b"
    write_run(
        a,
        [make_result("x", shown=True), make_result("y", rubric=0.5), make_result("z"), make_result("gone")],
        ["fake"],
    )
    write_run(
        b,
        [make_result("x", shown=False), make_result("y", rubric=1.0), make_result("z"), make_result("new")],
        ["fake"],
    )
    return a, b


def test_compare_finds_better_and_worse_cases(two_runs: tuple[Path, Path]) -> None:
    cmp = compare_runs(*two_runs)
    (m,) = cmp["models"]
    assert [c["case_id"] for c in m["worse"]] == ["x"]
    assert [c["case_id"] for c in m["better"]] == ["y"]
    assert m["unchanged"] == 1
    assert m["only_in_a"] == ["gone"] and m["only_in_b"] == ["new"]
    assert m["metrics"]["shown_pass_rate"] == {"a": 1.0, "b": 0.75, "delta": -0.25}
    text = format_comparison(cmp)
    assert "Worse (1)" in text and "shown pass->FAIL" in text and "worse" in text


def test_compare_cli_text_and_json(two_runs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    a, b = two_runs
    assert main(["eval", "compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "Model fake" in out and "rubric_mean" in out
    assert main(["eval", "compare", str(a), str(b), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["models"][0]["better"][0]["case_id"] == "y"


def test_compare_pairs_single_models_with_different_names(tmp_path: Path) -> None:
    write_run(tmp_path / "a", [make_result("x", model="local")], ["local"])
    write_run(tmp_path / "b", [make_result("x", model="openai", rubric=0.5)], ["openai"])
    (m,) = compare_runs(tmp_path / "a", tmp_path / "b")["models"]
    assert (m["model_a"], m["model_b"]) == ("local", "openai")
    assert m["metrics"]["rubric_mean"]["delta"] == -0.5


def test_compare_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "compare", str(tmp_path), str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Not an eval run directory" in err and "Traceback" not in err
    assert main(["eval", "compare", "only-one"]) == 1
    assert "usage: drafter eval compare" in capsys.readouterr().err
