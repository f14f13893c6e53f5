"""Rules whose severity, descriptions and messages live in data: lexicons/messages_<family>.toml.

Each file holds one table per rule id:

    [mixed_decision]
    severity = "block"
    description_sv = "..."
    description_en = "..."
    [mixed_decision.messages]
    offer = { sv = "... {quote} ...", en = "... {quote} ..." }

`registry` adds these rules to `RULES`; a rule module words its violations with `say`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from guardrails import lexicon
from guardrails.report import GuardrailReport
from guardrails.text import Doc

# The families of issue 9: meaning rather than words (one module and one messages file each).
FAMILIES = ("consistency", "claims", "scaffold", "fidelity", "address", "fair_reason")
_SEVERITIES = {"block", "warn"}


@cache
def rule_specs() -> dict[str, dict[str, Any]]:
    """Return {rule id: {severity, family, description_sv, description_en, messages}} from the data files."""
    specs: dict[str, dict[str, Any]] = {}
    for family in FAMILIES:
        for rule_id, raw in lexicon.load(f"messages_{family}").items():
            if not isinstance(raw, dict) or raw.get("severity") not in _SEVERITIES:
                raise ValueError(f"messages_{family}.toml: rule '{rule_id}' needs severity 'block' or 'warn'.")
            specs[rule_id] = {**raw, "family": family}
    return specs


def meaning_rules() -> frozenset[str]:
    """Return the ids of the data-defined (issue 9) rules."""
    return frozenset(rule_specs())


def without_meaning_rules(report: GuardrailReport) -> GuardrailReport:
    """Return a report with the meaning rules' violations left out (for sets labelled before them)."""
    keep = [v for v in report.violations if v.rule not in meaning_rules()]
    return GuardrailReport.from_violations(keep)


def say(doc: Doc, rule: str, key: str = "default", **values: str) -> str:
    """Return a rule's message `key` in the document's message language, filled with values."""
    entry = rule_specs()[rule]["messages"][key]
    text = entry.get(doc.message_language) or entry["en"]
    return str(text).format(**{k: excerpt(v) for k, v in values.items()})


def excerpt(value: str, limit: int = 60) -> str:
    """Return a short one-line excerpt for a message."""
    one_line = " ".join(value.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"
