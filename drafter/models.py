"""Domain models: what a recruiter enters and what Besked gives back."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from drafter.errors import InputError
from drafter.inputs import data_view, normalise, refuse_payload
from guardrails.context import CheckContext
from guardrails.report import GuardrailReport

__all__ = ["CheckContext", "DraftRequest", "DraftResult", "parse_context", "parse_request"]

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


# Validation context for tests of the layers behind the input checks (composer, guardrails): the
# fields are still normalised, but hostile contents are let through so those layers can be tried.
LET_PAYLOAD_THROUGH = {"refuse_payload": False}

_TEXT_FIELDS = (
    "candidate_name",
    "role",
    "company",
    "recruiter_name",
    "highlights",
    "reason",
    "feedback",
    "chosen_candidate_name",
    "internal_notes",
)


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

    @field_validator(*_TEXT_FIELDS, mode="before")
    @classmethod
    def _normalise(cls, value: Any, info: ValidationInfo) -> Any:
        # Before the limits: invisible characters do not count, and line breaks fold in one-line fields.
        return normalise(info.field_name or "", value) if isinstance(value, str) else value

    @field_validator(*_TEXT_FIELDS)
    @classmethod
    def _refuse_payload(cls, value: str | None, info: ValidationInfo) -> str | None:
        # After the limits, so a pasted megabyte is refused by its length before any pattern runs.
        if value and (info.context or {}).get("refuse_payload", True):
            refuse_payload(info.field_name or "", value)
        return value

    @field_validator("feedback", "chosen_candidate_name", "internal_notes")
    @classmethod
    def _empty_is_none(cls, value: str | None) -> str | None:
        return value or None

    def check_context(self) -> CheckContext:
        """Return what the guardrails need to know about this request (their own model)."""
        return CheckContext.model_validate(self.model_dump())

    def prompt_fields(self) -> dict[str, str]:
        """Return the fields a prompt may see: never the notes or the chosen candidate.

        Free text is given as data only: it stops where it starts to address the model, and
        sentences that offer or promise are left out (`drafter.inputs.data_view`).
        """
        return {
            "candidate_name": self.candidate_name,
            "role": self.role,
            "company": self.company,
            "recruiter_name": self.recruiter_name,
            "highlights": data_view("highlights", self.highlights),
            "reason": data_view("reason", self.reason),
            "feedback": data_view("feedback", self.feedback or ""),
        }


class Usage(BaseModel):
    """Token counts, where the provider reports them."""

    prompt_tokens: int | None = Field(default=None, description="Tokens in the prompt.")
    completion_tokens: int | None = Field(default=None, description="Tokens generated.")
    retries: list[str] = Field(
        default_factory=list,
        description="Why the HTTP layer retried the call, one reason per retry (e.g. `rate_limited`).",
    )


class Attempt(BaseModel):
    """One candidate text the pipeline produced, with its check."""

    text: str = Field(description="The candidate text as produced (after trimming).")
    report: GuardrailReport = Field(description="The guardrail verdict on this text.")
    source: Literal["model", "repair", "sample", "composer", "edit"] = Field(
        description="How the text came about: first model call, a re-ask, a resample, the composer, a user edit."
    )
    latency_s: float = Field(default=0.0, description="Seconds spent producing this text.")
    usage: Usage = Field(default_factory=Usage, description="Tokens for this attempt, where known.")
    error: str | None = Field(
        default=None,
        description="Why the model call failed (a `ProviderError` reason); `text` is what arrived before.",
    )
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
    fallback_reason: str | None = Field(
        default=None,
        description=(
            "Why the composer wrote `text`: `guardrails` (no model draft passed), `empty_completion`, "
            "`unsafe_field`, or a provider failure (`timeout`, `rate_limited`, `server_error`, "
            "`invalid_response`, `truncated_stream`, `connection`, ...); None when a model draft is shown."
        ),
    )
    fallback_message: str | None = Field(
        default=None, description="One sentence saying what happened, for the recruiter (English)."
    )
    latency_s: float = Field(default=0.0, description="Wall time of the whole draft, in seconds.")
    usage: Usage = Field(default_factory=Usage, description="Tokens summed over attempts, where known.")
    prompt_version: str = Field(default="", description="Version of the prompt files used.")


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "request"
    kind = err.get("type", "")
    if kind == "hostile_input":  # already one sentence naming the field (drafter/inputs.py)
        return str(err.get("msg", ""))
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
