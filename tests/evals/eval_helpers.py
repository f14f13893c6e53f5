"""Helpers for the eval-suite tests: well-formed replies and case lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GOOD_SV = """Hej Sara,

Tack för ditt intresse för tjänsten som lärare och för tiden du gav oss vid intervjun. Vi uppskattade \
särskilt din provlektion där eleverna fick resonera kring bråk med konkret material.

Vi har nu gjort vårt val och har tyvärr beslutat att gå vidare med en annan kandidat vars behörighet \
bättre motsvarar våra behov just nu.

Vi önskar dig lycka till i ditt fortsatta sökande, och hör gärna av dig om du har frågor.

Vänliga hälsningar
Johan Berg"""

GOOD_EN = """Dear Grace,

Thank you for your interest in the ICU nurse position and for the time you gave us at the interview. \
We valued your calm and structured account of handling a deteriorating patient.

After careful consideration we have decided to move forward with another candidate whose experience \
more closely matches our needs at this time.

We wish you the very best of luck, and please get in touch if you have any questions.

Kind regards,
David Clarke"""


def case_line(case_id: str, **overrides: Any) -> dict[str, Any]:
    """Return a valid case dict (Swedish teacher email) with request fields overridden."""
    request = {
        "candidate_name": "Sara Nyberg",
        "role": "lärare i matematik",
        "company": "Ekbackens skola",
        "recruiter_name": "Johan Berg",
        "language": "sv",
        "channel": "email",
        "tone": "warm",
        "highlights": "din provlektion där eleverna fick resonera kring bråk med konkret material",
        "reason": "vi gick vidare med en sökande som även har behörighet i NO",
    }
    request.update(overrides)
    return {"id": case_id, "request": request, "tags": ["sv", "email"], "expect": {"must_include": ["Sara"]}}


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    """Write rows (dicts are JSON-encoded, strings written as is) as JSON Lines."""
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
        encoding="utf-8",
    )
    return path


def make_result(case_id: str, model: str = "fake", shown: bool = True, rubric: float = 1.0, **kw: Any) -> Any:
    """Return a scored CaseResult without running a model (for report, compare and page tests)."""
    from evals.scoring import CaseResult

    data: dict[str, Any] = {
        "case_id": case_id,
        "model": model,
        "tags": ["sv"],
        "language": "sv",
        "channel": "email",
        "text": f"Hej {case_id}, tack.",
        "shown_passed": shown,
        "report_passed": shown,
        "first_try_passed": shown,
        "rubric": {"thanks": 1},
        "rubric_mean": rubric,
        "expect_passed": True,
        "words": 3,
        "readability_metric": "lix",
        "readability": 20.0,
        "latency_s": 1.5,
    }
    data.update(kw)
    return CaseResult.model_validate(data)
