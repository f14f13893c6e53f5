"""Slot drafting: a deterministic skeleton, with the model writing one sentence per recruiter note.

The composer's skeleton (greeting by first name, thanks, decision, close, signature) carries the
letter's structure and meaning; the model only turns each note (highlights, reason, feedback) into
one fluent second-person sentence. Each sentence is checked on its own (`drafter/slot_checks.py`)
and inside the letter (the guardrails, with the spans that fall on it); a rejected sentence is
resampled, and after the budget the composer's own sentence for that slot takes its place. Nothing
a slot does can change another slot, the decision or the close.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Generator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from drafter.composer import DROPPABLE, Part, compose, note_fields, render, safe_parts, separators
from drafter.composer import verdict as composer_verdict
from drafter.errors import ConfigError
from drafter.models import Attempt, DraftRequest, Usage
from drafter.notes import trimmed
from drafter.prompting import PROMPTS_DIR, _one_line
from drafter.slot_checks import check_sentence, tidy
from guardrails.report import GuardrailReport, Violation

if TYPE_CHECKING:
    from langchain_core.messages import BaseMessage

    from drafter.config import Profile, Settings
    from drafter.providers.base import ModelClient

SLOT_PROMPT_VERSION = "v2"
# Characters per token, roughly, for the local model: caps a slot's output without a provider option.
CHARS_PER_TOKEN = 4


class SlotExample(BaseModel):
    """One worked example: a note and the sentence it becomes."""

    kind: Literal["highlights", "reason", "feedback"] = Field(description="Which note this is.")
    note: str = Field(description="The recruiter's note as entered.")
    sentence: str = Field(description="The one sentence to the candidate it becomes.")


class SlotPrompt(BaseModel):
    """The slot prompt of one language: instruction, shared examples, and the line a note goes in."""

    version: str = Field(description="Prompt version.")
    language: str = Field(description="`sv` or `en`.")
    instruction: str = Field(description="What the model must do with a note.")
    note_line: str = Field(description="Renders a note: `{kind}` and `{note}`.")
    answer_line: str = Field(description="The label the model's sentence follows.")
    kinds: dict[str, str] = Field(description="Name of each note kind in the prompt.")
    examples: list[SlotExample] = Field(description="Few-shot examples, shared by every slot.")

    def _note(self, kind: str, note: str) -> str:
        return self.note_line.format(kind=self.kinds[kind], note=_one_line(note))

    @property
    def prefix(self) -> str:
        """Return the part every slot prompt of this language shares (evaluated once by a KV cache)."""
        shots = [f"{self._note(ex.kind, ex.note)}\n{self.answer_line} {ex.sentence}\n" for ex in self.examples]
        return self.instruction + "\n\n" + "\n".join(shots) + "\n"

    def completion(self, kind: str, note: str) -> str:
        """Return the completion prompt for one note; the model continues after the answer label."""
        return f"{self.prefix}{self._note(kind, note)}\n{self.answer_line}"

    def messages(self, kind: str, note: str) -> list[BaseMessage]:
        """Return the chat form: the instruction, the examples as turns, then the note."""
        from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

        out: list[BaseMessage] = [SystemMessage(content=self.instruction)]
        for ex in self.examples:
            out += [HumanMessage(content=self._note(ex.kind, ex.note)), AIMessage(content=ex.sentence)]
        out.append(HumanMessage(content=self._note(kind, note)))
        return out


@cache
def load_slot_prompt(language: str, version: str = SLOT_PROMPT_VERSION) -> SlotPrompt:
    """Load the slot prompt for a language, or raise `ConfigError`."""
    path = PROMPTS_DIR / version / f"{language}_slots.toml"
    try:
        with path.open("rb") as handle:
            return SlotPrompt.model_validate(tomllib.load(handle))
    except FileNotFoundError:
        raise ConfigError(f"No slot prompt for {language} in version {version} ({path}).") from None
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise ConfigError(f"Slot prompt file {path} is invalid: {exc}.") from None


@dataclass
class SlotOutcome:
    """What slot drafting produced: every attempt, the shown text and its report."""

    attempts: list[Attempt] = field(default_factory=list)
    text: str = ""
    report: GuardrailReport = field(default_factory=lambda: GuardrailReport(passed=True))
    fallback_used: bool = False


class SlotWriter:
    """Draft a letter as skeleton + checked model sentences, streaming each part once it is final."""

    def __init__(self, client: ModelClient, profile: Profile, settings: Settings) -> None:
        self.client = client
        self.profile = profile
        self.settings = settings

    def _verdict(self, text: str, request: DraftRequest) -> GuardrailReport:
        return composer_verdict(text, request, self.settings.guardrails)

    def run(self, request: DraftRequest) -> Generator[str, None, SlotOutcome]:
        """Yield the letter part by part; return every attempt and the shown text."""
        fields = note_fields(request)
        parts = safe_parts(request, self.settings.guardrails)
        base_text, _ = render(parts, request.channel)
        unspanned = {v.rule for v in self._verdict(base_text, request).blocking if v.span is None}
        outcome = SlotOutcome()
        chosen: dict[str, str] = {}
        asked = False
        for i, sep in enumerate(separators(parts, request.channel)):
            part = parts[i]
            if part.slot in DROPPABLE:
                asked = True
                sentence = self._slot(request, parts, i, fields[part.slot], unspanned, outcome.attempts)
                if sentence is not None:
                    chosen[part.slot] = sentence
                    parts[i] = Part(part.slot, sentence)
            yield sep + parts[i].text
        text, report, chosen = self._finish(request, parts, chosen)
        if not report.passed:  # the skeleton itself fails (e.g. a hostile role): the composer's drop logic decides
            text = compose(request, self.settings.guardrails)
            report, chosen = self._verdict(text, request), {}
        outcome.text, outcome.report = text, report
        outcome.fallback_used = asked and not chosen
        source = "composer" if not chosen else "model"
        outcome.attempts.append(Attempt(text=outcome.text, report=outcome.report, source=source))
        return outcome

    def _slot(
        self,
        request: DraftRequest,
        parts: list[Part],
        index: int,
        note: str,
        unspanned: set[str],
        attempts: list[Attempt],
    ) -> str | None:
        """Return an accepted model sentence for parts[index], or None to keep the composer's."""
        slot = parts[index].slot
        seed = self.profile.seed
        for n in range(self.settings.repair.max_slot_samples):
            t0 = time.perf_counter()
            usage = Usage()
            sample_seed = None if seed is None else seed + n
            raw = self._generate(request.language, slot, trimmed(slot, note, request.language), sample_seed, usage)
            sentence = tidy(raw)
            problems = check_sentence(slot, note, sentence, request) if sentence else []
            if not sentence:
                problems = [Violation(rule="slot_shape", severity="block", message="Empty sentence.")]
            if not problems:
                problems = self._in_letter(request, parts, index, sentence, unspanned)
            attempts.append(
                Attempt(
                    text=sentence,
                    report=GuardrailReport.from_violations(problems),
                    source="model" if n == 0 else "sample",
                    slot=slot,
                    latency_s=time.perf_counter() - t0,
                    usage=usage,
                )
            )
            if not problems:
                return sentence
        attempts.append(
            Attempt(text=parts[index].text, report=GuardrailReport(passed=True), source="composer", slot=slot)
        )
        return None

    def _in_letter(
        self, request: DraftRequest, parts: list[Part], index: int, sentence: str, unspanned: set[str]
    ) -> list[Violation]:
        """Return the letter's block violations that this sentence causes, with spans into the sentence."""
        trial = [*parts[:index], Part(parts[index].slot, sentence), *parts[index + 1 :]]
        text, spans = render(trial, request.channel)
        start, end, _ = spans[index]
        found: list[Violation] = []
        for v in self._verdict(text, request).blocking:
            if v.span is None:
                if v.rule not in unspanned:
                    found.append(v)
            elif v.span[0] < end and start < v.span[1]:
                span = (max(v.span[0], start) - start, min(v.span[1], end) - start)
                found.append(v.model_copy(update={"span": span}))
        return found

    def _finish(
        self, request: DraftRequest, parts: list[Part], chosen: dict[str, str]
    ) -> tuple[str, GuardrailReport, dict[str, str]]:
        """Check the whole letter; a model sentence a letter-level rule still blames goes back to the composer."""
        text, spans = render(parts, request.channel)
        report = self._verdict(text, request)
        if report.passed or not chosen:
            return text, report, chosen
        blamed = {
            slot
            for v in report.blocking
            if v.span
            for start, end, slot in spans
            if slot in chosen and start < v.span[1] and v.span[0] < end
        }
        if not blamed:
            return text, report, chosen
        kept = {k: v for k, v in chosen.items() if k not in blamed}
        base = safe_parts(request, self.settings.guardrails)
        text, _ = render([Part(p.slot, kept.get(p.slot, p.text)) for p in base], request.channel)
        return text, self._verdict(text, request), kept

    def _generate(self, language: str, slot: str, note: str, seed: int | None, usage: Usage) -> str:
        """Return the model's raw sentence for one note: up to the first line break or the token cap."""
        spec = load_slot_prompt(language)
        prompt: str | list[BaseMessage]
        prompt = spec.messages(slot, note) if self.client.kind == "chat" else spec.completion(slot, note)
        # A long note needs a long sentence; a short one never needs more than the profile's cap.
        cap = max(self.profile.slot_max_tokens * CHARS_PER_TOKEN, int(len(note) * 1.3) + 60)
        text = ""
        chunks = 0
        stream = self.client.stream(prompt, stop=["\n"], seed=seed, usage=usage)
        try:
            for chunk in stream:
                text += chunk
                chunks += 1
                if "\n" in text.lstrip() or len(text) >= cap:
                    break
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()  # stops the generation at once: a slot never runs past its cap
        if usage.completion_tokens is None:
            usage.completion_tokens = chunks
        return text.lstrip().split("\n", 1)[0]
