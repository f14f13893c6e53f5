"""`drafter eval` end to end with fake profiles (offline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_helpers import write_jsonl

from drafter.cli import main


def test_eval_two_profiles_side_by_side(
    two_fake_config: Path, small_dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "run"
    argv = ["--config", str(two_fake_config), "eval", "--dataset", str(small_dataset)]
    argv += ["--model", "fake", "--model", "fakegood", "--out", str(out)]
    argv += ["--cache-dir", str(tmp_path / "cache"), "--no-progress"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "fake " in printed and "fakegood" in printed and "report.html" in printed
    summary = json.loads((out / "summary.json").read_text())
    assert summary["models"] == ["fake", "fakegood"] and summary["n_cases"] == 3
    lines = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()]
    assert len(lines) == 6 and {x["model"] for x in lines} == {"fake", "fakegood"}
    fake, good = summary["per_model"]["fake"], summary["per_model"]["fakegood"]
    # The unqueued fake's generic two-liner never passes; the composer writes every shown draft.
    assert fake["shown_pass_rate"] == 1.0 and fake["fallback_rate"] == 1.0
    assert fake["first_try_pass_rate"] == 0.0
    assert good["shown_pass_rate"] == 1.0
    assert "<html" in (out / "report.html").read_text()[:200]


def test_eval_tag_limit_json_and_cache(
    two_fake_config: Path, small_dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--config", str(two_fake_config), "eval", "--dataset", str(small_dataset), "--model", "fakegood"]
    base += ["--cache-dir", str(tmp_path / "cache"), "--no-progress", "--json", "--limit", "2"]
    assert main([*base, "--out", str(tmp_path / "one")]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["n_cases"] == 2 and first["per_model"]["fakegood"]["cached_rate"] == 0.0
    assert main([*base, "--out", str(tmp_path / "two")]) == 0
    assert json.loads(capsys.readouterr().out)["per_model"]["fakegood"]["cached_rate"] == 1.0
    assert main([*base, "--out", str(tmp_path / "three"), "--no-cache"]) == 0
    assert json.loads(capsys.readouterr().out)["per_model"]["fakegood"]["cached_rate"] == 0.0


def test_eval_user_errors_are_one_line(
    two_fake_config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = write_jsonl(tmp_path / "bad.jsonl", ['{"id": "x", "request": {"candidate_name": ""}}'])
    assert main(["--config", str(two_fake_config), "eval", "--dataset", str(bad), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "bad.jsonl:1" in err and "Traceback" not in err
    assert main(["--config", str(two_fake_config), "eval", "--model", "nope", "--dataset", str(bad)]) == 1
    assert "Unknown model profile 'nope'" in capsys.readouterr().err
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert main(["--config", str(two_fake_config), "eval", "--model", "openai", "--dataset", str(bad)]) == 1
    assert "OPENAI_API_KEY" in capsys.readouterr().err
    assert main(["eval", "frobnicate"]) == 1
    assert "usage: drafter eval compare" in capsys.readouterr().err


def test_eval_with_a_judge_profile(
    two_fake_config: Path, small_dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--config", str(two_fake_config), "eval", "--dataset", str(small_dataset), "--model", "fakegood"]
    argv += ["--judge", "judgefake", "--judge-repeats", "2", "--out", str(tmp_path / "j")]
    argv += ["--cache-dir", str(tmp_path / "cache"), "--no-progress", "--json"]
    assert main(argv) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["judge"] == {"profile": "judgefake", "rubric": "judge-v1", "repeats": 2}
    assert summary["per_model"]["fakegood"]["judge_mean"] == 1.0
    assert summary["per_model"]["fakegood"]["judge_agreement"] == 1.0
    line = json.loads((tmp_path / "j" / "results.jsonl").read_text().splitlines()[0])
    assert line["judge"]["repeats"] == 2 and line["judge"]["errors"] == []
