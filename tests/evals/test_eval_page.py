"""The Streamlit eval page, run headless with AppTest."""

from __future__ import annotations

from pathlib import Path

from eval_helpers import make_result
from streamlit.testing.v1 import AppTest

from evals.runner import write_run

PAGE = Path(__file__).resolve().parents[2] / "ui" / "eval_page.py"


def test_page_without_runs_says_how_to_make_one(tmp_path: Path) -> None:
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.session_state["eval_roots"] = [str(tmp_path)]
    at.run()
    assert not at.exception
    assert at.title[0].value == "Eval runs"
    assert "drafter eval" in at.info[0].value


def test_page_lists_runs_and_shows_summary(tmp_path: Path) -> None:
    write_run(tmp_path / "runs" / "r1", [make_result("a"), make_result("b", shown=False)], ["fake"])
    write_run(tmp_path / "baselines" / "local", [make_result("a", model="local")], ["local"])
    (tmp_path / "runs" / "broken").mkdir()
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.session_state["eval_roots"] = [str(tmp_path / "runs"), str(tmp_path / "baselines")]
    at.run()
    assert not at.exception
    box = at.selectbox[0]
    assert len(box.options) == 2
    assert "models: " in at.caption[0].value
    frame = at.dataframe[0].value
    assert "metric" in frame.columns
    assert any(c in frame.columns for c in ("fake", "local"))
    frames = at.get("iframe")
    assert len(frames) == 1 and "Besked eval report" in frames[0].proto.srcdoc
    box.select_index(1).run()
    assert not at.exception
