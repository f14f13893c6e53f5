"""Fixtures for the guardrail tests: good letters to vary and a checker that returns rule ids."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from drafter.models import CheckContext
from guardrails import check
from guardrails.report import GuardrailReport

GOOD_SV = """Hej Anna,

Tack för ditt intresse för tjänsten som projektledare hos Nordvik Energi och för tiden du lade på intervjun. \
Vi uppskattade särskilt din struktur när du beskrev utbyggnaden av laddstationer.

Efter noggrant övervägande har vi valt att gå vidare med en annan kandidat vars erfarenhet bättre matchar \
våra behov just nu. {middle}

Vi önskar dig lycka till framöver, och hör gärna av dig om du har frågor.

Vänliga hälsningar,
Karin Ek"""

GOOD_EN = """Dear Anna,

Thank you for your interest in the project manager role at Nordvik Energy and for the time you gave to \
the interview. We especially appreciated your structure when you described the charging station rollout.

After careful consideration we have decided to move forward with another candidate whose experience is \
a closer match for our needs right now. {middle}

We wish you the best of luck, and please get in touch if you have any questions.

Kind regards,
Karin Ek"""

BASE_CONTEXT: dict[str, Any] = {
    "candidate_name": "Anna Lindqvist",
    "role": "projektledare",
    "company": "Nordvik Energi",
    "recruiter_name": "Karin Ek",
    "highlights": "din struktur när du beskrev utbyggnaden av laddstationer",
}


def context(language: str = "sv", **overrides: Any) -> CheckContext:
    """Return a check context for the base letters, with overrides."""
    data = dict(BASE_CONTEXT, language=language, channel="email")
    if language == "en":
        data.update(role="project manager", company="Nordvik Energy", highlights="your structure on charging stations")
    data.update(overrides)
    return CheckContext(**data)


@pytest.fixture
def letter() -> Callable[..., str]:
    """Return a builder of a good letter with an extra sentence in the middle."""

    def build(middle: str = "", language: str = "sv") -> str:
        return (GOOD_SV if language == "sv" else GOOD_EN).format(middle=middle)

    return build


@pytest.fixture
def report() -> Callable[..., GuardrailReport]:
    """Return a function that checks a text in the base context (with overrides)."""

    def run(text: str, language: str = "sv", **overrides: Any) -> GuardrailReport:
        return check(text, context(language, **overrides))

    return run


@pytest.fixture
def found(report: Callable[..., GuardrailReport]) -> Callable[..., set[str]]:
    """Return a function that gives the rule ids a text triggers."""

    def run(text: str, language: str = "sv", **overrides: Any) -> set[str]:
        return report(text, language, **overrides).rules()

    return run
