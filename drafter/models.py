"""Domain models: what a recruiter enters and what Besked gives back."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from drafter.errors import InputError
from guardrails.report import GuardrailReport

Language = Literal["sv", "en"]
Channel = Literal["email", "phone"]
Tone = Literal["warm", "formal"]

# Generous bounds: they stop pasted documents, not real answers. (Prompts see at most
# PROMPT_FIELD_CHARS of a field, so a long field cannot overflow a small model's context.)
MAX_NAME = 100
MAX_SHORT = 300
MAX_TEXT = 4000
MAX_NOTES = 20_000


def _clean(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class _RequestFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return _clean(value)


class DraftRequest(_RequestFields):
    """What the recruiter enters for one rejected candidate."""

    candidate_name: str = Field(min_length=1, max_length=MAX_NAME, description="The candidate's name, as greeted.")
    role: str = Field(min_length=1, max_length=MAX_SHORT, description="The role the candidate applied for.")
    company: str = Field(min_length=1, max_length=MAX_SHORT, description="The hiring company.")
    recruiter_name: str = Field(min_length=1, max_length=MAX_NAME, description="Who signs the message.")
    language: Language = Field(default="sv", description="Language of the draft: `sv` or `en`.")
    channel: Channel = Field(default="email", description="`email` letter or `phone` talking points.")
    tone: Tone = Field(default="warm", description="`warm` or `formal`.")
    highlights: str = Field(default="", max_length=MAX_TEXT, description="The concrete positive thing(s) to mention.")
    reason: str = Field(default="", max_length=MAX_TEXT, description="A short reason; may be empty.")
    feedback: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="Constructive feedback to include; None (or empty) means no feedback.",
    )
    chosen_candidate_name: str | None = Field(
        default=None, max_length=MAX_NAME, description="The hired candidate: never to appear in the output."
    )
    internal_notes: str | None = Field(
        default=None,
        max_length=MAX_NOTES,
        description="Recruiter's notes: never sent to a model, only used to check the draft.",
    )

    @field_validator("feedback", "chosen_candidate_name", "internal_notes")
    @classmethod
    def _empty_is_none(cls, value: str | None) -> str | None:
        return value or None

    def prompt_fields(self) -> dict[str, str]:
        """Return the fields a prompt may see: never the notes or the chosen candidate."""
        return {
            "candidate_name": self.candidate_name,
            "role": self.role,
            "company": self.company,
            "recruiter_name": self.recruiter_name,
            "highlights": self.highlights,
            "reason": self.reason,
            "feedback": self.feedback or "",
        }


class CheckContext(_RequestFields):
    """A partial `DraftRequest`: what a check knows about the text's purpose."""

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

    @classmethod
    def of(cls, request: DraftRequest | CheckContext) -> CheckContext:
        """Return a context for a full request or pass a context through."""
        if isinstance(request, CheckContext):
            return request
        return cls.model_validate(request.model_dump())


class Usage(BaseModel):
    """Token counts, where the provider reports them."""

    prompt_tokens: int | None = Field(default=None, description="Tokens in the prompt.")
    completion_tokens: int | None = Field(default=None, description="Tokens generated.")


class Attempt(BaseModel):
    """One candidate text the pipeline produced, with its check."""

    text: str = Field(description="The candidate text as produced (after trimming).")
    report: GuardrailReport = Field(description="The guardrail verdict on this text.")
    source: Literal["model", "repair", "sample", "composer", "edit"] = Field(
        description="How the text came about: first model call, a re-ask, a resample, the composer, a user edit."
    )
    latency_s: float = Field(default=0.0, description="Seconds spent producing this text.")
    usage: Usage = Field(default_factory=Usage, description="Tokens for this attempt, where known.")
    slot: str | None = Field(
        default=None,
        description="Slot drafting: the note this sentence renders (`highlights`, `reason`, `feedback`); "
        "None for a whole letter.",
    )


class DraftResult(BaseModel):
    """The shown draft with everything that led to it."""

    text: str = Field(description="The final text shown to the recruiter.")
    request: DraftRequest = Field(description="The request it answers.")
    model: str = Field(description="Name of the model profile used.")
    attempts: list[Attempt] = Field(default_factory=list, description="Every candidate text with its report.")
    report: GuardrailReport = Field(description="The guardrail report on `text`.")
    fallback_used: bool = Field(default=False, description="True when the deterministic composer wrote `text`.")
    latency_s: float = Field(default=0.0, description="Wall time of the whole draft, in seconds.")
    usage: Usage = Field(default_factory=Usage, description="Tokens summed over attempts, where known.")
    prompt_version: str = Field(default="", description="Version of the prompt files used.")


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "request"
    kind = err.get("type", "")
    if kind == "missing":
        return f"Missing required field '{where}'."
    if kind == "string_too_short":
        return f"Field '{where}' must not be empty."
    if kind == "string_too_long":
        limit = (err.get("ctx") or {}).get("max_length")
        return f"Field '{where}' is too long (at most {limit} characters)."
    if kind == "extra_forbidden":
        return f"Unknown field '{where}'."
    if kind == "literal_error":
        return f"Field '{where}' has an invalid value: {err.get('msg', '')}."
    return f"Field '{where}': {err.get('msg', 'invalid value')}."


def parse_request(data: Any) -> DraftRequest:
    """Validate raw data into a `DraftRequest`, or raise `InputError` with one sentence."""
    if not isinstance(data, dict):
        raise InputError("A draft request must be a JSON object with the fields of DraftRequest.")
    try:
        return DraftRequest.model_validate(data)
    except ValidationError as exc:
        raise InputError(_first_error(exc)) from None


def parse_context(data: Any) -> CheckContext:
    """Validate a partial request for checking, or raise `InputError`."""
    if data is None:
        return CheckContext()
    if not isinstance(data, dict):
        raise InputError("'context' must be a JSON object.")
    try:
        return CheckContext.model_validate(data)
    except ValidationError as exc:
        raise InputError(_first_error(exc)) from None
