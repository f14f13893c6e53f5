"""The self-contained HTML report: model x metric table, charts, per-case drill-down."""

from __future__ import annotations

from html import escape
from typing import Any

from evals.charts import grouped_bars, legend
from evals.rubric import RUBRIC_ITEMS
from evals.scoring import CaseResult

# (key in per_model, label, higher is better?)
TABLE_METRICS: tuple[tuple[str, str, bool | None], ...] = (
    ("n", "cases", None),
    ("sendable_rate", "sendable (est.)", True),
    ("sendable_kappa", "sendable scorer κ vs raters", True),
    ("shown_pass_rate", "shown pass", True),
    ("first_try_pass_rate", "first-try pass", True),
    ("fallback_rate", "fallback", False),
    ("rubric_mean", "rubric mean", True),
    ("expect_pass_rate", "expect pass", True),
    ("judge_mean", "judge mean", True),
    ("judge_agreement", "judge agreement", True),
    ("lix_mean", "LIX (sv)", None),
    ("flesch_mean", "Flesch (en)", None),
    ("words_mean", "words", None),
    ("latency_p50_s", "latency p50 s", False),
    ("latency_p95_s", "latency p95 s", False),
    ("completion_tokens_mean", "completion tokens", None),
    ("error_rate", "errors", False),
)

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1a202c;
max-width:1200px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #cbd5e0;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#edf2f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#276749;font-weight:600}.fail{color:#c53030;font-weight:600}
details{border:1px solid #e2e8f0;border-radius:4px;margin:.3rem 0;padding:.3rem .6rem}
summary{cursor:pointer}pre{white-space:pre-wrap;background:#f7fafc;padding:.6rem;border-radius:4px}
.charts{display:flex;flex-wrap:wrap;gap:2rem}.legend{margin:.5rem 0}
.lg{margin-right:1rem}.sw{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
.meta{color:#4a5568;font-size:.85rem}
"""


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value else "0"
    return str(value)


def _metric_table(summary: dict[str, Any]) -> str:
    models: list[str] = summary.get("models", [])
    head = "".join(f"<th>{escape(m)}</th>" for m in models)
    rows = []
    for key, label, _ in TABLE_METRICS:
        cells = "".join(
            f'<td class="num">{escape(_fmt(summary["per_model"].get(m, {}).get(key)))}</td>' for m in models
        )
        rows.append(f"<tr><th>{escape(label)}</th>{cells}</tr>")
    return f"<table><tr><th>metric</th>{head}</tr>{''.join(rows)}</table>"


def _sendable_note(summary: dict[str, Any]) -> str:
    """Say which scorer estimated the sendable rate and how well it agrees with blind raters."""
    lines = []
    for m in summary.get("models", []):
        pm = summary["per_model"].get(m, {})
        if pm.get("sendable_rate") is None:
            continue
        verdicts = pm.get("rubric_verdicts") or {}
        lines.append(
            f"<li>{escape(m)}: sendable {escape(_fmt(pm['sendable_rate']))} "
            f"(scorer {escape(str(pm.get('sendable_scorer')))}, Cohen's κ {escape(_fmt(pm.get('sendable_kappa')))} "
            f"against blind raters on {escape(_fmt(pm.get('sendable_n')))} rated drafts; rubric verdicts "
            f"send {verdicts.get('send', 0)} / edit {verdicts.get('edit', 0)} / "
            f"rewrite {verdicts.get('rewrite', 0)})</li>"
        )
    if not lines:
        return ""
    return "<p>Estimated share a recruiter would send as is:</p><ul>" + "".join(lines) + "</ul>"


def _violation_table(summary: dict[str, Any]) -> str:
    models: list[str] = summary.get("models", [])
    rules = sorted(
        {
            rule
            for m in models
            for key in ("violations", "first_try_violations")
            for rule in summary["per_model"][m][key]
        }
    )
    if not rules:
        return "<p>No violations on any draft.</p>"
    head = "".join(f"<th>{escape(m)} shown</th><th>{escape(m)} first try</th>" for m in models)
    rows = []
    for rule in rules:
        cells = "".join(
            f'<td class="num">{summary["per_model"][m]["violations"].get(rule, 0)}</td>'
            f'<td class="num">{summary["per_model"][m]["first_try_violations"].get(rule, 0)}</td>'
            for m in models
        )
        rows.append(f"<tr><th>{escape(rule)}</th>{cells}</tr>")
    return f"<table><tr><th>rule</th>{head}</tr>{''.join(rows)}</table>"


def _charts(summary: dict[str, Any]) -> str:
    models: list[str] = summary.get("models", [])
    pm = summary["per_model"]
    headline = {
        label: {m: pm[m].get(key) for m in models}
        for key, label in (
            ("shown_pass_rate", "shown pass"),
            ("first_try_pass_rate", "first-try pass"),
            ("rubric_mean", "rubric mean"),
            ("expect_pass_rate", "expect pass"),
        )
    }
    rubric = {item: {m: pm[m]["rubric_items"].get(item) for m in models} for item in RUBRIC_ITEMS}
    slices = sorted({s for m in models for s in pm[m].get("slices", {})})
    by_slice = {s: {m: pm[m].get("slices", {}).get(s, {}).get("rubric_mean") for m in models} for s in slices}
    return (
        legend(models)
        + '<div class="charts">'
        + grouped_bars("Headline rates", headline, models)
        + grouped_bars("Rubric per guideline", rubric, models)
        + grouped_bars("Rubric mean by language / channel", by_slice, models)
        + "</div>"
    )


def _badge(ok: bool | None) -> str:
    if ok is None:
        return "–"
    return '<span class="pass">pass</span>' if ok else '<span class="fail">fail</span>'


def _case_details(r: CaseResult) -> str:
    viol = "".join(
        f"<tr><td>{escape(v.rule)}</td><td>{escape(v.severity)}</td><td>{escape(v.message)}</td></tr>"
        for v in r.violations
    )
    rubric = "".join(f"<tr><td>{escape(k)}</td><td>{escape(_fmt(v))}</td></tr>" for k, v in r.rubric.items())
    judge = ""
    if r.judge:
        judge = (
            f"<p>Judge ({escape(r.judge.rubric_version)}, {r.judge.repeats}×): "
            f"mean {escape(_fmt(r.judge.mean))}, "
            f"agreement {escape(_fmt(r.judge.agreement))}</p>"
        )
    body = (
        f'<p class="meta">tags: {escape(", ".join(r.tags))} · attempts {r.n_attempts} · fallback '
        f"{r.fallback_used} · first try {_badge(r.first_try_passed)} "
        f"({escape(', '.join(r.first_try_rules) or 'no rule')}) · {r.words} words · "
        f"{escape(r.readability_metric)} {escape(_fmt(r.readability))} · {r.latency_s:.2f}s"
        f"{' (cached)' if r.cached else ''}</p>"
        + (f'<p class="fail">error: {escape(r.error)}</p>' if r.error else f"<pre>{escape(r.text)}</pre>")
        + (f"<table><tr><th>rule</th><th>severity</th><th>message</th></tr>{viol}</table>" if viol else "")
        + f"<table><tr><th>rubric item</th><th>score</th></tr>{rubric}</table>"
        + (f"<p>Expect failures: {escape('; '.join(r.expect_failures))}</p>" if r.expect_failures else "")
        + judge
    )
    head = (
        f"{escape(r.case_id)} · {escape(r.model)} · shown {_badge(r.error is None and r.shown_passed)} · "
        f"rubric {escape(_fmt(r.rubric_mean))} ({escape(r.rubric_verdict or '–')}) · expect {_badge(r.expect_passed)}"
    )
    return f"<details><summary>{head}</summary>{body}</details>"


def _meta_value(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def render_report(summary: dict[str, Any], results: list[CaseResult]) -> str:
    """Return the report as one HTML document; every piece of text is escaped."""
    meta = " · ".join(
        f"{escape(k)}: {escape(_meta_value(summary[k]))}"
        for k in ("created", "dataset", "prompt_versions", "tags", "judge")
        if summary.get(k)
    )
    cases = "".join(_case_details(r) for r in results)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>Besked eval report</title>"
        f"<style>{CSS}</style></head><body>"
        f'<h1>Besked eval report</h1><p class="meta">{meta} · {summary.get("n_cases", 0)} cases</p>'
        f"<h2>Models × metrics</h2>{_metric_table(summary)}{_sendable_note(summary)}"
        f"<h2>Charts</h2>{_charts(summary)}"
        f"<h2>Violations (per rule: shown draft / first attempt)</h2>{_violation_table(summary)}"
        f"<h2>Cases</h2>{cases}"
        "</body></html>"
    )
