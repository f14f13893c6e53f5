"""Eval page: list eval runs (evals/runs/, evals/baselines/), show a run's summary and its report.

A page script for `st.navigation` (registered by ui/app.py as `st.Page("eval_page.py", ...)`);
it also runs on its own with `streamlit run ui/eval_page.py`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROOTS = (ROOT / "evals" / "runs", ROOT / "evals" / "baselines")
# Tests (and a curious user) may point the page elsewhere through this session key.
ROOTS_KEY = "eval_roots"
METRICS = (
    ("n", "cases"),
    ("shown_pass_rate", "shown pass rate"),
    ("first_try_pass_rate", "first-try pass rate"),
    ("fallback_rate", "fallback rate"),
    ("rubric_mean", "rubric mean"),
    ("expect_pass_rate", "expect pass rate"),
    ("judge_mean", "judge mean"),
    ("lix_mean", "LIX mean (sv)"),
    ("flesch_mean", "Flesch mean (en)"),
    ("latency_p50_s", "latency p50 (s)"),
    ("latency_p95_s", "latency p95 (s)"),
    ("n_errors", "errors"),
)


def find_runs(roots: list[Path]) -> list[Path]:
    """Return every directory under the roots that holds a summary.json, newest first."""
    runs = {p.parent for root in roots if root.is_dir() for p in root.rglob("summary.json")}
    return sorted(runs, key=lambda p: p.stat().st_mtime, reverse=True)


def label(run: Path) -> str:
    """Return a run's label: its path relative to the repository when possible."""
    try:
        return str(run.relative_to(ROOT))
    except ValueError:
        return str(run)


def load_summary(run: Path) -> dict[str, Any] | None:
    """Return a run's summary, or None when it cannot be read."""
    try:
        data = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("per_model"), dict) else None


def summary_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """Return one row per metric with one column per model."""
    models = [m for m in summary.get("models", []) if m in summary["per_model"]]
    return [{"metric": name, **{m: summary["per_model"][m].get(key) for m in models}} for key, name in METRICS]


def page() -> None:
    """Render the eval page."""
    st.title("Eval runs")
    roots = [Path(p) for p in st.session_state.get(ROOTS_KEY, DEFAULT_ROOTS)]
    runs = find_runs(roots)
    if not runs:
        st.info("No eval runs yet. Run `drafter eval --model local` (or `make eval`) to create one.")
        return
    choice = st.selectbox("Run", runs, format_func=label)
    summary = load_summary(choice)
    if summary is None:
        st.error(f"{label(choice)}/summary.json could not be read.")
        return
    st.caption(
        f"{summary.get('n_cases', 0)} cases · models: {', '.join(summary.get('models', []))}"
        f" · created {summary.get('created', 'unknown')}"
    )
    st.dataframe(summary_rows(summary), hide_index=True, width="stretch")
    report = choice / "report.html"
    if report.is_file():
        html = report.read_text(encoding="utf-8")
        st.download_button("Download report.html", html, file_name="report.html", mime="text/html")
        # The report escapes every text (drafts included) and holds no script, so an iframe may show it.
        if hasattr(st, "iframe"):
            st.iframe(html, height=900)
        else:  # Streamlit before st.iframe
            components.html(html, height=900, scrolling=True)
    else:
        st.warning("This run has no report.html.")


page()
