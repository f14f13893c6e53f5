"""Labelled guardrail cases as data: load them from tests/data/guardrails/<family>.jsonl and check them.

A case is one JSON object per line (see tests/data/guardrails/README.md): a whole `text` with its
`context`, or a `template` letter with an `extra` sentence (and `swap`ped parts), plus what the
check must find: `blocks` (exactly these block rules), `fires` (at least these rules), `silent`
(none of these), `also` (with `fires`: nothing else but these), `clean` (no violation at all) and
`span_contains` (a rule's span covers this text).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from guardrails import check
from guardrails.context import CheckContext
from guardrails.report import GuardrailReport
from guardrails.rule_data import meaning_rules

DATA = Path(__file__).resolve().parents[1] / "data" / "guardrails"
EXPECTATIONS = ("blocks", "fires", "silent", "clean", "span_contains")


@cache
def templates() -> dict[str, Any]:
    """Return the template letters cases can fill in."""
    data: dict[str, Any] = json.loads((DATA / "templates.json").read_text(encoding="utf-8"))
    return data


def load(family: str) -> list[Any]:
    """Return the cases of one rule family as pytest params named by their ids."""
    cases = []
    for n, line in enumerate((DATA / f"{family}.jsonl").read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            case = json.loads(line)
            assert any(k in case for k in EXPECTATIONS), f"{family}.jsonl line {n} expects nothing"
            cases.append(pytest.param(case, id=str(case.get("id", n))))
    return cases


def _lisa(case: dict[str, Any]) -> str:
    language, channel = case["language"], case.get("channel", "email")
    parts = dict(templates()["lisa"]["parts"][f"{language}.{channel}"], **case.get("swap", {}))
    sep = "\n" if channel == "phone" else " "
    body = sep.join(x for x in (parts["thanks"], parts["positive"], parts["decision"], case.get("extra", "")) if x)
    if channel == "email":
        body = body.replace(parts["positive"] + " ", parts["positive"] + "\n\n", 1)
    return str(parts["open"] + body + parts["close"])


def render(case: dict[str, Any]) -> tuple[str, CheckContext]:
    """Return the text a case checks and its context."""
    name = case.get("template")
    language = case.get("language")
    channel = case.get("channel", "email")
    if name is None:
        context = dict(case.get("context") or {})
        if language:
            context.setdefault("language", language)
        return case["text"], CheckContext(**context)
    template = templates()[name]
    text = _lisa(case) if name == "lisa" else template["text"][language].format(middle=case.get("extra", ""))
    context = dict(template["context"][language], language=language, channel=channel)
    context.update(case.get("context") or {})
    return text, CheckContext(**context)


def verify(case: dict[str, Any]) -> GuardrailReport:
    """Check a case and assert everything it expects; return the report."""
    text, context = render(case)
    report = check(text, context)
    found = report.rules()
    # Cases labelled for the word rules; the meaning rules (issue 9) have their own cases and count
    # here only where a case names them.
    named = set(case.get("blocks", [])) | set(case.get("fires", []))
    blocking = {v.rule for v in report.blocking if v.rule not in meaning_rules() or v.rule in named}
    why = f"{case.get('note', '')}: {report.violations}"
    if "blocks" in case:
        assert blocking == set(case["blocks"]), why
    if "fires" in case:
        assert set(case["fires"]) <= found, why
        if "also" in case:
            assert found - set(case["fires"]) <= set(case["also"]), why
    if "silent" in case:
        assert not set(case["silent"]) & found, why
    if case.get("clean"):
        assert report.violations == [], why
    for rule, part in case.get("span_contains", {}).items():
        span = next(v.span for v in report.violations if v.rule == rule)
        assert span is not None and part in text[span[0] : span[1]], why
    return report
