"""The HTML report and summary aggregation (no model involved)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from eval_helpers import make_result

from evals.runner import read_run, write_run
from evals.summary import percentile, summarize
from guardrails.report import Violation


def test_summary_has_the_contract_keys() -> None:
    results = [
        make_result("a", latency_s=1.0),
        make_result("b", shown=False, latency_s=3.0, fallback_used=True),
        make_result("c", error="boom", text="", latency_s=0.0),
    ]
    results[1].violations = [Violation(rule="harsh_tone", severity="block", message="m")]
    s = summarize(results, ["fake"], {"created": "now"})
    assert s["n_cases"] == 3 and s["models"] == ["fake"] and s["created"] == "now"
    pm = s["per_model"]["fake"]
    for key in (
        "shown_pass_rate",
        "first_try_pass_rate",
        "fallback_rate",
        "rubric_mean",
        "violations",
        "latency_p50_s",
        "latency_p95_s",
        "expect_pass_rate",
        "lix_mean",
        "flesch_mean",
    ):
        assert key in pm, key
    assert pm["shown_pass_rate"] == round(1 / 3, 4)  # the errored case counts as a failure
    assert pm["n_errors"] == 1 and pm["fallback_rate"] == 0.5
    assert pm["violations"] == {"harsh_tone": 1}
    assert pm["latency_p50_s"] == 2.0 and pm["latency_p95_s"] == 2.9


def test_percentile() -> None:
    assert percentile([], 50) is None
    assert percentile([5.0], 95) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5


def test_report_is_self_contained_and_escaped(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    results = [make_result("a", text=f"Hej {evil}"), make_result("b", model="other", tags=[evil])]
    results[0].violations = [Violation(rule="placeholder", severity="block", message=f"bad {evil}")]
    write_run(tmp_path, results, ["fake", "other"])
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html
    assert not re.search(r"""(?:src|href)\s*=|<link|@import|url\(""", html)
    assert html.count("<details>") == 2 and "<svg" in html
    _summary, back = read_run(tmp_path)
    assert [r.case_id for r in back] == ["a", "b"]
    assert json.loads((tmp_path / "summary.json").read_text())["models"] == ["fake", "other"]
