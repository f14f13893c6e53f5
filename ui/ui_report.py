"""The guardrail panel: every rule with its verdict, offending passages marked in escaped text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import streamlit as st
from ui_text import current_lang, t

from drafter.models import DraftResult
from guardrails.report import GuardrailReport, Violation

ICONS = {
    "pass": ":green[:material/check_circle:]",
    "warn": ":orange[:material/warning:]",
    "block": ":red[:material/block:]",
}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$])")

# Inline styles: st.html sanitises markup but keeps style attributes, and the app ships no CSS file.
_TEXT_STYLE = (
    "white-space: pre-wrap; font-family: inherit; line-height: 1.55; padding: 0.75rem 1rem; "
    "border: 1px solid rgba(128,128,128,0.35); border-radius: 0.5rem;"
)
_MARK_STYLE = {
    "block": "background: #ffd6d6; color: #7a0000; border-bottom: 2px solid #d00000; padding: 0 2px;",
    "warn": "background: #fff1c2; color: #5c4400; border-bottom: 2px solid #d9a400; padding: 0 2px;",
}


def escape_markdown(text: str) -> str:
    """Return `text` with Markdown syntax escaped, so user text never formats or links."""
    return _MD_SPECIAL.sub(r"\\\1", text)


@dataclass
class _Mark:
    start: int
    end: int
    severity: str
    rules: list[str] = field(default_factory=list)


def _marks(text: str, violations: list[Violation]) -> list[_Mark]:
    """Merge overlapping violation spans; a merged mark is `block` if any part is."""
    spans = sorted(
        (v for v in violations if v.span and 0 <= v.span[0] < v.span[1] <= len(text)),
        key=lambda v: (v.span or (0, 0))[0],
    )
    marks: list[_Mark] = []
    for v in spans:
        start, end = v.span or (0, 0)
        if marks and start < marks[-1].end:
            last = marks[-1]
            last.end = max(last.end, end)
            last.rules.append(v.rule)
            if v.severity == "block":
                last.severity = "block"
        else:
            marks.append(_Mark(start, end, v.severity, [v.rule]))
    return marks


def highlight_html(text: str, violations: list[Violation]) -> str:
    """Return the text as escaped HTML with each violation span wrapped in <mark>."""
    parts: list[str] = []
    pos = 0
    for mark in _marks(text, violations):
        title = html.escape(", ".join(dict.fromkeys(mark.rules)), quote=True)
        parts.append(html.escape(text[pos : mark.start]))
        parts.append(
            f'<mark data-rule="{title}" title="{title}" style="{_MARK_STYLE[mark.severity]}">'
            f"{html.escape(text[mark.start : mark.end])}</mark>"
        )
        pos = mark.end
    parts.append(html.escape(text[pos:]))
    return f'<div class="besked-draft" style="{_TEXT_STYLE}">{"".join(parts)}</div>'


def rule_results(report: GuardrailReport) -> dict[str, str]:
    """Return pass/warn/block for every known rule and every rule the report names."""
    from guardrails import RULES

    results = dict.fromkeys(RULES, "pass")
    for v in report.violations:
        if v.severity == "block" or results.get(v.rule) != "block":
            results[v.rule] = v.severity
    return results


def _description(rule: str) -> str:
    from guardrails import RULES

    info = RULES.get(rule)
    if info is None:
        return ""
    return str(info.description_sv if current_lang() == "sv" else info.description_en)


def render_panel(text: str, report: GuardrailReport) -> None:
    """Show the verdict, the violations, the marked text and the full rule list."""
    results = rule_results(report)
    counts = {kind: sum(1 for r in results.values() if r == kind) for kind in ICONS}
    st.subheader(t("panel_title"), anchor=False)
    if report.passed:
        st.success(t("panel_passed"), icon=":material/check_circle:")
    else:
        st.error(t("panel_blocked", n=counts["block"]), icon=":material/block:")
    st.caption(t("panel_summary", passed=counts["pass"], warn=counts["warn"], block=counts["block"]))
    for v in report.violations:
        st.markdown(f"{ICONS[v.severity]} **`{v.rule}`** · {escape_markdown(v.message)}")
    if any(v.span for v in report.violations):
        st.caption(t("panel_highlight"))
        st.html(highlight_html(text, report.violations))
    with st.expander(t("panel_all_rules", n=len(results)), expanded=not report.passed):
        lines = [
            f"- {ICONS[res]} `{rule}` · {t('result_' + res)} · {escape_markdown(_description(rule))}"
            for rule, res in sorted(results.items(), key=lambda item: ("block", "warn", "pass").index(item[1]))
        ]
        st.markdown("\n".join(lines))


def render_history(result: DraftResult) -> None:
    """Show what the repair loop did: each attempt with its verdict, and whether the composer wrote it."""
    with st.expander(t("history_title"), expanded=False):
        for n, attempt in enumerate(result.attempts, start=1):
            broken = sorted(attempt.report.rules())
            verdict = (
                t("history_failed", reason=t("reason_" + attempt.error))
                if attempt.error
                else t("history_ok")
                if attempt.report.passed
                else t(
                    "history_broke",
                    rules=", ".join(f"`{r}`" for r in sorted(r.rule for r in attempt.report.blocking)),
                )
            )
            icon = ICONS["pass"] if attempt.report.passed else ICONS["block"]
            st.markdown(
                f"{icon} "
                + t(
                    "history_attempt",
                    n=n,
                    source=t("source_" + attempt.source),
                    seconds=f"{attempt.latency_s:.1f}",
                    verdict=verdict,
                )
                + (f" · {', '.join(f'`{r}`' for r in broken)}" if broken and attempt.report.passed else "")
            )
        if result.fallback_used:
            st.info(t("fallback_used"))
