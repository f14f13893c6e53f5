"""The hostile-input corpus (tests/data/hostile.jsonl): loading it and judging an outcome.

Each line: `id`, `language`, `kind` (what the attack is), `note`, `request` (a raw DraftRequest,
hostile), `ui` (whether the form can carry it), and `expect`: either
`{"outcome": "input_error", "field": F}` (a one-sentence `InputError` naming F) or
`{"outcome": "draft", "payload": [...], "must_include": [...]}` (a draft that passes every
guardrail, holds none of the payload strings, case-insensitively, and keeps the given ones).
A value `{"$repeat": s, "times": n}` stands for `s * n` (1 MB fields stay out of the repository).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent.parent / "data" / "hostile.jsonl"


@dataclass(frozen=True)
class Case:
    """One hostile request and what Besked must do with it."""

    id: str
    language: str
    kind: str
    note: str
    request: dict[str, Any]
    expect: dict[str, Any]
    ui: bool

    @property
    def wants_error(self) -> bool:
        """Return True when the expected outcome is an InputError."""
        return bool(self.expect["outcome"] == "input_error")


def _expand(value: Any) -> Any:
    if isinstance(value, dict) and "$repeat" in value:
        return str(value["$repeat"]) * int(value["times"])
    return value


def load_corpus(path: Path = CORPUS) -> list[Case]:
    """Return every case of the corpus, in file order."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        request = {k: _expand(v) for k, v in raw["request"].items()}
        cases.append(
            Case(
                raw["id"], raw["language"], raw["kind"], raw["note"], request, raw["expect"], bool(raw.get("ui", True))
            )
        )
    return cases


def error_problems(case: Case, message: str) -> list[str]:
    """Return what is wrong with an InputError message for a case expecting one (empty: fine)."""
    problems = []
    if "\n" in message or not message.strip():
        problems.append("the message is not one line")
    if case.expect["field"] not in message:
        problems.append(f"the message does not name {case.expect['field']}")
    if len(message) > 300:
        problems.append("the message is longer than a sentence")
    return problems


def holds(text: str, payload: str) -> bool:
    """Return True when a text holds a payload string, case-insensitively, not inside a longer word."""
    pattern = re.escape(payload.lower())
    if payload[:1].isalnum():
        pattern = r"(?<!\w)" + pattern
    if payload[-1:].isalnum():
        pattern += r"(?!\w)"
    return re.search(pattern, text.lower()) is not None


def draft_problems(case: Case, text: str, passed: bool) -> list[str]:
    """Return what is wrong with a shown draft for a case expecting one (empty: fine)."""
    problems = []
    if not passed:
        problems.append("the shown draft breaks a block rule")
    problems += [f"payload {p!r} is in the draft" for p in case.expect.get("payload", []) if holds(text, p)]
    problems += [f"{p!r} is missing" for p in case.expect.get("must_include", []) if p not in text]
    return problems


def parrot_letter(fields: dict[str, str], language: str) -> str:
    """Return the letter an obedient model would write: every field it was shown, quoted verbatim.

    A worst case for the fast tests: whatever reaches the prompt reaches this draft, so only the
    input checks, the data view and the guardrails stand between a payload and the recruiter.
    """
    first = fields["candidate_name"].split(" ")[0]
    if language == "sv":
        parts = [
            f"Hej {first},",
            f"Tack för ditt intresse för tjänsten som {fields['role']} hos {fields['company']} och för tiden "
            f"du lade på intervjun. Vi uppskattade särskilt {fields['highlights'] or 'dina svar'}.",
            "Efter noggrant övervägande har vi valt att inte gå vidare med din ansökan den här gången. "
            + (fields["reason"] or "Vi valde en annan kandidat."),
            fields["feedback"],
            "Vi önskar dig lycka till framöver och svarar gärna på frågor om du har några.",
            f"Vänliga hälsningar,\n{fields['recruiter_name']}",
        ]
    else:
        parts = [
            f"Dear {first},",
            f"Thank you for your interest in the {fields['role']} role at {fields['company']} and for the time "
            f"you gave to the interview. We especially appreciated {fields['highlights'] or 'your answers'}.",
            "After careful consideration we have decided not to move forward with your application this time. "
            + (fields["reason"] or "We chose another candidate."),
            fields["feedback"],
            "We wish you the very best and are happy to answer any questions you may have.",
            f"Kind regards,\n{fields['recruiter_name']}",
        ]
    return "\n\n".join(p for p in parts if p)
