"""The `[privacy]` table of drafter.toml."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class PrivacySettings(BaseModel):
    """What leaves the machine, and what a message says about how it was written."""

    model_config = ConfigDict(extra="forbid")

    pseudonymize: Literal["remote", "always", "never"] = Field(
        default="remote",
        description="Replace names with tokens before a model sees them: for remote profiles (default), always, never.",
    )
    disclosure: dict[str, str] = Field(
        default_factory=dict,
        description="Company name -> an AI-use disclosure line added to its exported messages; '*' for every company.",
    )

    def disclosure_for(self, company: str) -> str:
        """Return the disclosure line for a company ('' when none is configured)."""
        folded = {k.casefold().strip(): v for k, v in self.disclosure.items()}
        return folded.get(company.casefold().strip(), folded.get("*", "")).strip()
