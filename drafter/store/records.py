"""What the store hands out: plain records, never live database rows."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from drafter.models import DraftRequest
from guardrails.report import GuardrailReport


class RoundRecord(BaseModel):
    """A stored round."""

    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="Database id.")
    key: str = Field(description="Hash of the round's rows and profile; the same batch resumes on it.")
    name: str = Field(description="The round's name.")
    source: str = Field(default="", description="The file it came from.")
    profile: str = Field(description="Model profile used.")
    not_before: dt.date | None = Field(default=None, description="No message is to be sent before this date.")
    rows_total: int = Field(default=0, description="Rows in the input.")
    created_at: dt.datetime = Field(description="When the round was first drafted (UTC).")


class DraftRecord(BaseModel):
    """A stored draft with its request and check."""

    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="Database id.")
    round_id: int = Field(description="The round it belongs to.")
    row: int = Field(description="Row number in the input file.")
    candidate_name: str = Field(description="The candidate's name.")
    candidate_email: str | None = Field(default=None, description="The candidate's e-mail, if given.")
    role: str = Field(description="Role applied for.")
    company: str = Field(description="Hiring company.")
    language: str = Field(description="Language of the draft.")
    channel: str = Field(description="email or phone.")
    status: str = Field(description="ready, blocked, failed or duplicate.")
    request_json: str = Field(description="The request as stored (no internal notes unless kept by the operator).")
    model_text: str | None = Field(default=None, description="The text as drafted.")
    text: str | None = Field(default=None, description="The current text: the latest edit, else as drafted.")
    passed: bool | None = Field(default=None, description="Whether the current text passes every block rule.")
    report_json: str | None = Field(default=None, description="Guardrail report of the current text.")
    model: str = Field(default="", description="Profile that drafted it.")
    fallback_used: bool = Field(default=False, description="True when the composer wrote it.")
    pseudonymised: bool = Field(default=False, description="True when names were replaced before the model saw them.")
    attempts: int = Field(default=0, description="Texts the pipeline produced.")
    latency_s: float = Field(default=0.0, description="Seconds the draft took.")
    error: str | None = Field(default=None, description="Why it failed, or which row it repeats.")
    duplicate_of: int | None = Field(default=None, description="The earlier row this candidate repeats.")
    created_at: dt.datetime = Field(description="When it was first stored (UTC).")
    updated_at: dt.datetime = Field(description="When it last changed (UTC).")

    @property
    def request(self) -> DraftRequest:
        """Return the stored request."""
        return DraftRequest.model_validate_json(self.request_json)

    @property
    def report(self) -> GuardrailReport | None:
        """Return the guardrail report of the current text, if any."""
        return GuardrailReport.model_validate_json(self.report_json) if self.report_json else None

    @property
    def edited(self) -> bool:
        """Return whether a recruiter changed the drafted text."""
        return self.text is not None and self.model_text is not None and self.text != self.model_text


class PurgeCounts(BaseModel):
    """How many rows a purge or a forget removed, per table (counts only: safe to log)."""

    rounds: int = 0
    drafts: int = 0
    edits: int = 0
    exports: int = 0
    redacted: int = Field(default=0, description="Other drafts that named the person as chosen candidate.")

    def __str__(self) -> str:
        return (
            f"rounds={self.rounds} drafts={self.drafts} edits={self.edits} exports={self.exports} "
            f"redacted={self.redacted}"
        )
