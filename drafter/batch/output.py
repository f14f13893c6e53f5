"""The round as exported: one output row per input row (drafted, failed, repeated or invalid)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from drafter.batch.validation import RowError
from drafter.exports import EmlItem, with_disclosure
from drafter.store.records import DraftRecord

OUT_COLUMNS = [
    "row", "candidate_name", "email", "status", "language", "channel", "model",
    "passed", "fallback_used", "blocked_rules", "warned_rules", "not_before", "text", "error",
]  # fmt: skip


def output_rows(
    drafts: list[DraftRecord],
    errors: Mapping[int, list[RowError]],
    names: Mapping[int, str],
    disclosure_for: Callable[[str], str],
    not_before: dt.date | None = None,
) -> list[dict[str, object]]:
    """Return the export rows in input order; invalid rows carry their validation errors."""
    out: dict[int, dict[str, object]] = {}
    stamp = not_before.isoformat() if not_before else ""
    for d in drafts:
        report = d.report
        text = with_disclosure(d.text, disclosure_for(d.company)) if d.text else ""
        out[d.row] = {
            "row": d.row,
            "candidate_name": d.candidate_name,
            "email": d.candidate_email or "",
            "status": d.status,
            "language": d.language,
            "channel": d.channel,
            "model": d.model,
            "passed": "" if d.passed is None else d.passed,
            "fallback_used": d.fallback_used if d.text else "",
            "blocked_rules": " ".join(sorted({v.rule for v in report.blocking})) if report else "",
            "warned_rules": " ".join(sorted({v.rule for v in report.warnings})) if report else "",
            "not_before": stamp,
            "text": text,
            "error": d.error or "",
        }
    for row, problems in errors.items():
        out[row] = {
            "row": row,
            "candidate_name": names.get(row, ""),
            "status": "invalid",
            "error": " ".join(f"{p.column}: {p.reason}" if p.column else p.reason for p in problems),
        }
    return [out[k] for k in sorted(out)]


def eml_items(drafts: list[DraftRecord], disclosure_for: Callable[[str], str]) -> list[EmlItem]:
    """Return the messages to put in the zip: every draft with text, current (edited) text first."""
    return [
        EmlItem(
            row=d.row, text=with_disclosure(d.text, disclosure_for(d.company)), request=d.request, to=d.candidate_email
        )
        for d in drafts
        if d.text
    ]
