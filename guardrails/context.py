"""What a check knows about a text's purpose: the guardrails' own context model.

Callers with a richer request (drafter's `DraftRequest`) pass it as is: any Pydantic model or
mapping with these field names is read into a `CheckContext`, other fields are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from guardrails.errors import GuardrailError

Language = Literal["sv", "en"]
Channel = Literal["email", "phone"]
Tone = Literal["warm", "formal"]


class CheckContext(BaseModel):
    """A partial request: every field may be missing."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    candidate_name: str | None = Field(default=None, description="The candidate's name.")
    role: str | None = Field(default=None, description="The role applied for.")
    company: str | None = Field(default=None, description="The hiring company.")
    recruiter_name: str | None = Field(default=None, description="Who signs.")
    language: Language | None = Field(default=None, description="Expected language; None = not checked.")
    channel: Channel | None = Field(default=None, description="`email` or `phone`; None = email bounds.")
    tone: Tone | None = Field(default=None, description="`warm` or `formal`.")
    highlights: str | None = Field(default=None, description="Positive points the text should mention.")
    reason: str | None = Field(default=None, description="The reason the recruiter gave.")
    feedback: str | None = Field(default=None, description="Feedback the recruiter enabled, if any.")
    chosen_candidate_name: str | None = Field(default=None, description="Name that must not appear.")
    internal_notes: str | None = Field(default=None, description="Notes that must not leak.")

    @field_validator("*", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @classmethod
    def of(cls, request: Any) -> CheckContext:
        """Return a context for a request-like object (Pydantic model or mapping), or pass one through."""
        if isinstance(request, CheckContext):
            return request
        if isinstance(request, BaseModel):
            data: Any = request.model_dump()
        elif isinstance(request, Mapping):
            data = dict(request)
        else:
            raise GuardrailError("The check context must be a CheckContext, a request model or a mapping.")
        return cls.parse(data)

    @classmethod
    def parse(cls, data: Any) -> CheckContext:
        """Validate a partial request, or raise `GuardrailError` with one sentence."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise GuardrailError("'context' must be a JSON object.")
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err.get("loc", ())) or "context"
            raise GuardrailError(f"Field '{where}': {err.get('msg', 'invalid value')}.") from None
