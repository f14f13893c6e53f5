"""Report models: what a guardrail check found in one text."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["block", "warn"]


class Violation(BaseModel):
    """One rule broken by a text."""

    rule: str = Field(description="Rule id, e.g. `protected_ground` (see guardrails.RULES).")
    severity: Severity = Field(description="`block`: the text must not be shown as ready; `warn`: worth a look.")
    message: str = Field(description="Actionable sentence in the request's language or English.")
    span: tuple[int, int] | None = Field(
        default=None, description="[start, end) character offsets into the checked text, or null."
    )


class GuardrailReport(BaseModel):
    """The verdict on one text: passed means no `block` violation."""

    passed: bool = Field(description="True when no violation has severity `block`.")
    violations: list[Violation] = Field(default_factory=list, description="Every violation found, in text order.")

    @classmethod
    def from_violations(cls, violations: list[Violation]) -> GuardrailReport:
        """Build a report whose `passed` follows from the violations."""
        ordered = sorted(violations, key=lambda v: (v.span[0] if v.span else -1, v.rule))
        return cls(passed=not any(v.severity == "block" for v in ordered), violations=ordered)

    @property
    def blocking(self) -> list[Violation]:
        """Return the violations of severity `block`."""
        return [v for v in self.violations if v.severity == "block"]

    @property
    def warnings(self) -> list[Violation]:
        """Return the violations of severity `warn`."""
        return [v for v in self.violations if v.severity == "warn"]

    def rules(self) -> set[str]:
        """Return the ids of every rule this report names."""
        return {v.rule for v in self.violations}
