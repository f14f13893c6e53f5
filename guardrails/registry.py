"""Every rule Besked checks, read from `rules.toml`: severity, family, descriptions and messages."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from guardrails.errors import GuardrailError
from guardrails.report import Severity, Violation

RULES_FILE = "rules.toml"


class RuleInfo(BaseModel):
    """What one rule checks, for reports and the UI's rule list."""

    id: str = Field(description="Rule id, a contract shared by evals, reports and tests.")
    severity: Severity = Field(description="`block` stops a draft from being shown as ready; `warn` flags it.")
    family: str = Field(description="Which family of checks the rule belongs to (module name).")
    description_sv: str = Field(description="What the rule checks, in Swedish.")
    description_en: str = Field(description="What the rule checks, in English.")
    messages: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Message templates by key, then language (`sv`, `en`)."
    )


def _load() -> dict[str, RuleInfo]:
    try:
        raw: dict[str, Any] = tomllib.loads(resources.files("guardrails").joinpath(RULES_FILE).read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise GuardrailError(f"The guardrail rule file {RULES_FILE} cannot be read: {exc}.") from None
    try:
        return {rule_id: RuleInfo(id=rule_id, **table) for rule_id, table in raw.items()}
    except (ValidationError, TypeError) as exc:
        raise GuardrailError(f"The guardrail rule file {RULES_FILE} is invalid: {exc}.") from None


def _meaning_rules() -> dict[str, RuleInfo]:
    """Return the issue-9 rules, whose severity, descriptions and messages live in lexicons/messages_*.toml."""
    from guardrails.rule_data import rule_specs

    return {
        rule_id: RuleInfo(
            id=rule_id,
            severity=spec["severity"],
            family=spec["family"],
            description_sv=spec["description_sv"],
            description_en=spec["description_en"],
            messages=spec.get("messages", {}),
        )
        for rule_id, spec in rule_specs().items()
    }


RULES: dict[str, RuleInfo] = {**_load(), **_meaning_rules()}


@cache
def _template(rule: str, key: str, language: str) -> str:
    messages = RULES[rule].messages
    by_language = messages.get(key) or messages.get("default")
    if not by_language:
        raise GuardrailError(f"Rule '{rule}' has no message '{key}' in {RULES_FILE}.")
    return by_language.get(language) or by_language.get("en") or next(iter(by_language.values()))


def message(rule: str, language: str, key: str = "default", **fields: object) -> str:
    """Return a rule's message in a language (`sv`, else English), with its fields filled in."""
    template = _template(rule, key, "sv" if language == "sv" else "en")
    try:
        return template.format(**fields)
    except (KeyError, IndexError) as exc:
        raise GuardrailError(f"Message '{key}' of rule '{rule}' needs the field {exc}.") from None


def violation(rule: str, message: str, span: tuple[int, int] | None = None) -> Violation:
    """Return a violation of a registered rule, with the rule's severity."""
    return Violation(rule=rule, severity=RULES[rule].severity, message=message, span=span)
