"""Fields the pipeline or the composer writes into the letter itself: the greeting, the thanks, the signature.

A model's text is checked by the guardrails; the names, the role and the company are inserted by
Besked as they were entered, so they must pass the same checks on their own, with nothing forgiven
for being the recruiter's own words. A field that fails is never written into a letter: the
pipeline skips the model and the composer leaves the field out.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic_core import PydanticCustomError

from drafter.inputs import INSERTED, refuse_payload
from drafter.models import CheckContext

if TYPE_CHECKING:
    from drafter.config import Settings
    from drafter.models import DraftRequest

SENTENCES_FILE = Path(__file__).with_name("fallback.toml")

# Rules that read a short fragment meaningfully (length, thanks or decision rules need a whole letter).
FRAGMENT_RULES = frozenset({"prompt_injection_echo", "false_promise", "placeholder", "mixed_decision"})


def field_problem(field: str, value: str, language: str, settings: Settings | None = None) -> str | None:
    """Return why an inserted field may not go into the letter (one sentence), or None when it may."""
    from guardrails import check

    try:
        refuse_payload(field, value, language)
    except PydanticCustomError as exc:
        return exc.message()
    report = check(value, CheckContext(language=language), settings.guardrails if settings else None)
    for violation in report.blocking:
        if violation.rule in FRAGMENT_RULES:
            return f"{field}: {violation.message}"
    return None


# How many (field, value, language) verdicts a `FieldVerdicts` keeps before it starts afresh.
MAX_VERDICTS = 4096


class FieldVerdicts(dict[tuple[str, str, str], str | None]):
    """Verdicts of `field_problem` for one settings, kept: a round repeats its role, company and
    recruiter on every row (and a pseudonymised name is the same token on every row)."""


def inserted_field_problems(
    request: DraftRequest, settings: Settings | None = None, known: FieldVerdicts | None = None
) -> list[str]:
    """Return the inserted fields (names, role, company) that fail the checks, in field order.

    `known` keeps the verdicts between calls; it must only ever be used with the same `settings`.
    """
    problems = []
    for field in sorted(INSERTED, key=list(type(request).model_fields).index):
        value = str(getattr(request, field) or "")
        key = (field, value, request.language)
        if known is not None and key in known:
            problem = known[key]
        else:
            problem = field_problem(field, value, request.language, settings)
            if known is not None:
                if len(known) >= MAX_VERDICTS:
                    known.clear()
                known[key] = problem
        if problem:
            problems.append(field)
    return problems


@cache
def fallback_sentences() -> dict[str, str]:
    """Return the one-sentence explanations of why the composer wrote a draft."""
    with SENTENCES_FILE.open("rb") as fh:
        return {str(k): str(v) for k, v in tomllib.load(fh).items()}
