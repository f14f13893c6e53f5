"""Prompt files: load them, and render a request as chat messages or a few-shot completion."""

from __future__ import annotations

import re
import string
import tomllib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from drafter.errors import ConfigError
from drafter.models import DraftRequest
from guardrails.report import GuardrailReport

if TYPE_CHECKING:
    from langchain_core.prompts import ChatPromptTemplate

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
PROMPT_VERSION = "v1"
PROMPT_FIELD_CHARS = 1200

# What a prompt may use: request fields (never internal_notes or chosen_candidate_name) and
# `first_name`, derived from candidate_name.
PROMPT_VARIABLES = (frozenset(DraftRequest.model_fields) - {"internal_notes", "chosen_candidate_name"}) | {"first_name"}

# A sign-off the model writes itself would stand beside the real one the pipeline adds.
_SIGNOFF_LINE = re.compile(
    r"^\s*(med vänliga hälsningar|vänliga hälsningar|varma hälsningar|hälsningar|mvh|bästa hälsningar|"
    r"kind regards|best regards|warm wishes|warm regards|regards|sincerely|yours sincerely|best wishes),?\s*$",
    re.IGNORECASE | re.MULTILINE,
)


class Example(BaseModel):
    """One worked example: request fields and the ideal text after the opening."""

    tone: str = Field(description="`warm` or `formal`: the example closest in tone goes last.")
    fields: dict[str, str] = Field(description="Request fields the example answers.")
    body: str = Field(description="The ideal text between the opening and the sign-off.")


class PromptSpec(BaseModel):
    """A prompt file for one language and channel."""

    version: str = Field(description="Prompt version; part of eval cache keys.")
    language: str = Field(description="`sv` or `en`.")
    channel: str = Field(description="`email` or `phone`.")
    system: str = Field(description="Guidelines the model must follow.")
    tone: dict[str, str] = Field(description="Instruction per tone.")
    request: str = Field(description="Template rendering the request's fields.")
    opening: dict[str, str] = Field(description="Per tone: the greeting the text starts with.")
    signoff: dict[str, str] = Field(description="Per tone: the sign-off appended after the body (may be empty).")
    input_header: str = Field(description="Section marker before a request (completion form).")
    output_header: str = Field(description="Section marker before the answer (completion form).")
    no_feedback: str = Field(description="What `Feedback:` says when no feedback is wanted.")
    no_reason: str = Field(description="What `Reason:` says when none is given.")
    repair: str = Field(description="Re-ask for chat models; `{problems}` lists the violations.")
    examples: list[Example] = Field(description="Few-shot examples.")
    example_markers: list[str] = Field(
        default_factory=list,
        description="Words only the examples hold; a draft repeating one copied an example.",
    )

    def variables(self) -> set[str]:
        """Return every variable the templates use."""
        templates = [self.request, *self.opening.values(), *self.signoff.values()]
        return {name for t in templates for _, name, _, _ in string.Formatter().parse(t) if name}

    def labels(self) -> list[str]:
        """Return the field labels of the request template ("Kandidat", "Role", ...)."""
        return [m.group(1) for m in re.finditer(r"^([^\n:{}]{1,40}):\s*\{", self.request, re.MULTILINE)]

    def _values(self, fields: dict[str, str]) -> dict[str, str]:
        labels = self.labels()
        values = {k: fence(v, labels) for k, v in fields.items()}
        values["first_name"] = values.get("candidate_name", "").split(" ")[0]
        return values

    def render_request(self, fields: dict[str, str]) -> str:
        """Render request fields, filling empty reason and feedback with their stated defaults."""
        values = self._values(fields)
        values["feedback"] = values.get("feedback") or self.no_feedback
        values["reason"] = values.get("reason") or self.no_reason
        values["highlights"] = values.get("highlights") or "-"
        return self.request.format(**values)

    def render_opening(self, fields: dict[str, str], tone: str) -> str:
        """Render the greeting a text starts with."""
        return self.opening[tone].format(**self._values(fields))

    def render_signoff(self, fields: dict[str, str], tone: str) -> str:
        """Render the sign-off (empty for phone scripts)."""
        return self.signoff[tone].format(**self._values(fields))

    def full_text(self, fields: dict[str, str], tone: str, body: str) -> str:
        """Join opening, body and sign-off into the text a recruiter sees."""
        text = self.render_opening(fields, tone) + body.rstrip()
        signoff = self.render_signoff(fields, tone)
        return f"{text}\n\n{signoff}" if signoff else text

    def ordered_examples(self, tone: str) -> list[Example]:
        """Return the examples with those of the requested tone last (base models copy the nearest)."""
        return sorted(self.examples, key=lambda ex: ex.tone == tone)

    def repair_request(self, report: GuardrailReport) -> str:
        """Render the re-ask that names what the last draft broke."""
        problems = "\n".join(f"- {v.message}" for v in report.violations if v.severity == "block")
        return self.repair.format(problems=problems)

    def stop(self) -> list[str]:
        """Return stop sequences that end a completion at the next section or a run of blank lines."""
        return ["###", "\n\n\n"]

    def completion_prompt(self, request: DraftRequest) -> str:
        """Render the few-shot completion prompt; it ends with the request's opening for the model to continue."""
        parts = [self.system, self.tone[request.tone], ""]
        for ex in self.ordered_examples(request.tone):
            opening = self.render_opening(ex.fields, request.tone)
            parts += [
                self.input_header,
                self.render_request(ex.fields),
                "",
                self.output_header,
                opening + ex.body,
                "",
            ]
        fields = request.prompt_fields()
        parts += [self.input_header, self.render_request(fields), "", self.output_header]
        return "\n".join(parts) + "\n" + self.render_opening(fields, request.tone)

    def finish_completion(self, request: DraftRequest, generated: str) -> str:
        """Turn a base model's continuation into the full text: opening + body + the real sign-off."""
        body = generated.rstrip()
        match = _SIGNOFF_LINE.search(body)
        if match:
            body = body[: match.start()].rstrip()
        return self.full_text(request.prompt_fields(), request.tone, body)

    def chat_prompt(self, tone: str) -> ChatPromptTemplate:
        """Return a chat template (system, example turns, then the request) for chat models."""
        from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
        from langchain_core.prompts import ChatPromptTemplate, HumanMessagePromptTemplate

        messages: list[BaseMessage | HumanMessagePromptTemplate] = [
            SystemMessage(content=f"{self.system}\n{self.tone[tone]}\n{fence_notice(self.language)}")
        ]
        for ex in self.ordered_examples(tone):
            messages += [
                HumanMessage(content=self.render_request(ex.fields)),
                AIMessage(content=self.full_text(ex.fields, tone, ex.body)),
            ]
        messages.append(HumanMessagePromptTemplate.from_template("{brief}"))
        return ChatPromptTemplate.from_messages(messages)

    def chat_inputs(self, request: DraftRequest) -> dict[str, str]:
        """Return the variables for `chat_prompt`: the rendered request as data."""
        return {"brief": self.render_request(request.prompt_fields())}


def _one_line(value: str) -> str:
    # A field is data: newlines in it must not open a new prompt section, and a pasted essay
    # must not crowd the examples out of a small model's context.
    text = " ".join(str(value).split())
    if len(text) <= PROMPT_FIELD_CHARS:
        return text
    return text[:PROMPT_FIELD_CHARS].rsplit(" ", 1)[0] + " …"


# What a field may not carry into a prompt: chat-template tokens, prompt delimiters and tags.
_TEMPLATE_TOKENS = re.compile(
    r"<\|[^|<>]{0,40}\|>|</?(start|end)_of_turn>|</?s>|<(bos|eos|pad)>|\[/?(inst|sys)\]|<</?sys>>",
    re.IGNORECASE,
)
_DELIMITERS = re.compile(r"#{2,}|`{3,}|\"{3,}|'{3,}|={3,}|-{3,}|_{3,}|\*{3,}|~{3,}")
_ROLE_MARK = re.compile(
    r"\b(system|assistant|user|human|developer|model|assistent|användare|systemet|modell)\s*:", re.IGNORECASE
)


def fence(value: str, labels: list[str] | tuple[str, ...] = ()) -> str:
    """Return a field as data for any prompt: one line, cut to size, unable to open a section or a turn.

    Ordinary values come through unchanged. What only an attack needs is defused: chat-template
    tokens are dropped, runs of delimiter characters shortened to one, angle brackets replaced by
    look-alikes, and a role marker or one of the prompt's own field labels followed by a colon
    loses the colon, so a field cannot forge a turn, a section or another field.
    """
    text = _TEMPLATE_TOKENS.sub(" ", str(value))
    text = _DELIMITERS.sub(lambda m: m.group(0)[0], text)
    text = text.replace("<", "‹").replace(">", "›")
    text = _ROLE_MARK.sub(lambda m: m.group(1) + " -", text)
    for label in labels:
        text = re.sub(rf"\b{re.escape(label)}\s*:", f"{label} -", text, flags=re.IGNORECASE)
    return _one_line(text)


@cache
def fence_notice(language: str) -> str:
    """Return the sentence a chat prompt adds: the request's fields are data, never instructions."""
    with (PROMPTS_DIR / "fence.toml").open("rb") as fh:
        notices = tomllib.load(fh)
    return str(notices.get(language, notices["en"]))


@cache
def load_prompt(language: str, channel: str, version: str = PROMPT_VERSION) -> PromptSpec:
    """Load and validate one prompt file, or raise `ConfigError`."""
    path = PROMPTS_DIR / version / f"{language}_{channel}.toml"
    try:
        with path.open("rb") as fh:
            spec = PromptSpec.model_validate(tomllib.load(fh))
    except FileNotFoundError:
        raise ConfigError(f"No prompt file for {language}/{channel} in version {version} ({path}).") from None
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise ConfigError(f"Prompt file {path} is invalid: {exc}.") from None
    unknown = spec.variables() - PROMPT_VARIABLES
    if unknown:
        raise ConfigError(f"Prompt file {path} uses fields a prompt may not see: {sorted(unknown)}.")
    return spec


def prompt_for(request: DraftRequest, version: str = PROMPT_VERSION) -> PromptSpec:
    """Return the prompt file for a request's language and channel."""
    return load_prompt(request.language, request.channel, version)


@cache
def chat_template(language: str, channel: str, tone: str, version: str = PROMPT_VERSION) -> ChatPromptTemplate:
    """Return `load_prompt(...).chat_prompt(tone)`, built once: the system text and examples never change."""
    return load_prompt(language, channel, version).chat_prompt(tone)
