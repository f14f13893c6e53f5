"""The drafting pipeline: request -> prompt -> model -> check -> repair or sample -> composer."""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from drafter.config import Drafting, Profile, Settings, load_settings
from drafter.errors import ProviderError
from drafter.inserted import FieldVerdicts, fallback_sentences, inserted_field_problems
from drafter.models import Attempt, CheckContext, DraftRequest, DraftResult, Usage
from drafter.prompting import PROMPT_VERSION, PromptSpec, chat_template, prompt_for
from drafter.stream import DraftStream, clean_output
from guardrails.report import GuardrailReport

if TYPE_CHECKING:
    from langchain_core.messages import BaseMessage

    from drafter.providers.base import ModelClient

log = logging.getLogger("drafter")

AttemptSource = Literal["model", "repair", "sample", "composer", "edit"]


class Drafter:
    """Draft rejections with one model profile, checked by the guardrails before anyone sees them."""

    def __init__(
        self,
        settings: Settings,
        profile: Profile,
        client: ModelClient | None = None,
        prompt_version: str = PROMPT_VERSION,
    ) -> None:
        self.settings = settings
        self.profile = profile
        self.prompt_version = prompt_version
        self._client = client
        self._field_verdicts = FieldVerdicts()  # for self.settings, which a drafter keeps
        self._checked_as: tuple[Callable[[str], str], DraftRequest] | None = None

    @classmethod
    def from_config(cls, profile: str | None = None, config: str | Path | Settings | None = None) -> Drafter:
        """Build a drafter for a named profile (default: DRAFTER_MODEL or the config's default)."""
        settings = config if isinstance(config, Settings) else load_settings(config)
        return cls(settings, settings.profile(profile))

    @classmethod
    def with_fake(
        cls,
        replies: list[str],
        settings: Settings | None = None,
        kind: Literal["chat", "completion"] = "chat",
        drafting: Drafting = "letter",
    ) -> Drafter:
        """Build a drafter whose model replies with the queued texts in order (for tests).

        `letter` drafting (default) with `chat`: each reply is a whole text; with `completion`: each
        reply is the body a base model writes after the opening, and the pipeline adds opening and
        sign-off. `slots` drafting: each reply is one note's sentence.
        """
        from drafter.providers import fake

        settings = settings or load_settings()
        profile = Profile(name="fake", provider="fake", api=kind, replies=replies, drafting=drafting)
        return cls(settings, profile, client=fake.build(profile))

    @property
    def profile_name(self) -> str:
        """Return the name of the profile in use."""
        return self.profile.name

    @property
    def client(self) -> ModelClient:
        """Return the model client, building (and for local models, loading) it on first use."""
        if self._client is None:
            from drafter.providers import build_client

            self._client = build_client(self.profile)
        return self._client

    def checking_as(self, restore: Callable[[str], str], request: DraftRequest) -> Drafter:
        """Return a twin of this drafter (same client and caches) that checks `restore(text)` against `request`.

        Pseudonymised drafting: the model sees tokens, but every text is judged as the candidate
        would read it, once, so nothing needs checking again after the names are put back.
        """
        twin = copy.copy(self)
        twin._checked_as = (restore, request)
        return twin

    def check(self, text: str, request: DraftRequest | CheckContext) -> GuardrailReport:
        """Check a text against every guardrail rule with the configured bounds."""
        from drafter.errors import as_drafter_error
        from guardrails import check
        from guardrails.errors import GuardrailError

        if self._checked_as is not None:
            restore, real = self._checked_as
            text, request = restore(text), real

        context = request if isinstance(request, CheckContext) else request.check_context()
        try:
            return check(text, context, self.settings.guardrails)
        except GuardrailError as exc:
            raise as_drafter_error(exc) from None

    def draft(self, request: DraftRequest) -> DraftResult:
        """Draft, check and repair; return the shown text with every attempt."""
        stream = self.stream(request)
        for _ in stream:
            pass
        assert stream.result is not None
        return stream.result

    def stream(self, request: DraftRequest) -> DraftStream:
        """Start a draft whose first attempt streams; `result` is set once the iterator ends."""
        return DraftStream(self._run(request))

    @property
    def drafting(self) -> str:
        """Return how this drafter makes a draft: `slots`, `letter` or `composer`."""
        return self.profile.drafting_mode

    @property
    def result_prompt_version(self) -> str:
        """Return the prompt version a draft records (the slot prompts, the letter prompts, or none)."""
        if self.drafting == "slots":
            from drafter.slots import SLOT_PROMPT_VERSION

            return SLOT_PROMPT_VERSION
        return self.prompt_version if self.drafting == "letter" else ""

    def _run(self, request: DraftRequest) -> Generator[str, None, DraftResult]:
        started = time.perf_counter()
        if self.drafting == "composer":
            attempts = [self._compose(request)]
            yield attempts[0].text
            return self._result(request, attempts, attempts[0], True, started)
        if self.drafting == "slots":
            from drafter.slots import SlotWriter

            t0 = time.perf_counter()
            try:
                outcome = yield from SlotWriter(self.client, self.profile, self.settings).run(request)
            except ProviderError as exc:  # the model went away mid-draft: the composer writes it all
                shown = self._compose(request)
                failed = self._failed(exc, Usage(), request, "model", t0)
                reason, message = _fallback_reason([failed], exc, [])
                return self._result(request, [failed, shown], shown, True, started, reason, message)
            return self._result(request, outcome.attempts, outcome.attempts[-1], outcome.fallback_used, started)
        return (yield from self._run_letter(request, started))

    def _result(
        self,
        request: DraftRequest,
        attempts: list[Attempt],
        shown: Attempt,
        fallback: bool,
        started: float,
        reason: str | None = None,
        message: str | None = None,
    ) -> DraftResult:
        result = DraftResult(
            text=shown.text,
            request=request,
            model=self.profile.name,
            attempts=attempts,
            report=shown.report,
            fallback_used=fallback,
            fallback_reason=reason,
            fallback_message=message,
            latency_s=time.perf_counter() - started,
            usage=_sum_usage(attempts),
            prompt_version=self.result_prompt_version,
        )
        # Rule ids and counts only: candidate text never goes to a log.
        log.info(
            "draft profile=%s drafting=%s language=%s channel=%s attempts=%d fallback=%s reason=%s blocked=%s "
            "latency=%.2fs",
            self.profile.name,
            self.drafting,
            request.language,
            request.channel,
            len(attempts),
            fallback,
            reason,
            sorted({v.rule for a in attempts for v in a.report.blocking}),
            result.latency_s,
        )
        return result

    def _run_letter(self, request: DraftRequest, started: float) -> Generator[str, None, DraftResult]:
        """The model writes the whole letter: check, then re-ask or resample, then the composer."""
        spec = prompt_for(request, self.prompt_version)
        seed = self.profile.seed
        attempts: list[Attempt] = []

        t0 = time.perf_counter()
        failure: ProviderError | None = None
        unsafe = inserted_field_problems(request, self.settings, self._field_verdicts)
        if not unsafe:
            usage = Usage()
            try:
                prompt = self._prompt(spec, request)
                text, usage = yield from self._generate(prompt, spec, request, seed, usage)
            except ProviderError as exc:
                failure = exc
                attempts.append(self._failed(exc, usage, request, "model", t0))
            else:
                attempts.append(self._attempt(text, usage, request, "model", t0))
                if not attempts[-1].report.passed:
                    repaired, failure = self._repair(spec, request, prompt, attempts[0], seed)
                    attempts += repaired
        shown = _best(attempts)
        fallback = shown is None
        reason = message = None
        if shown is None:
            # A base model's empty continuation still has the opening and sign-off the pipeline wrote.
            blank = spec.full_text(request.prompt_fields(), request.tone, "").strip()
            reason, message = _fallback_reason(attempts, failure, unsafe, blank)
            shown = self._compose(request)
            attempts.append(shown)

        return self._result(request, attempts, shown, fallback, started, reason, message)

    def _prompt(self, spec: PromptSpec, request: DraftRequest) -> str | list[BaseMessage]:
        if self.client.kind == "chat":
            template = chat_template(request.language, request.channel, request.tone, self.prompt_version)
            return template.format_messages(**spec.chat_inputs(request))
        return spec.completion_prompt(request)

    def _generate(
        self,
        prompt: str | list[BaseMessage],
        spec: PromptSpec,
        request: DraftRequest,
        seed: int | None,
        usage: Usage | None = None,
    ) -> Generator[str, None, tuple[str, Usage]]:
        """Stream one text; a base model continues the opening the pipeline wrote, and gets the real sign-off."""
        completion = self.client.kind == "completion"
        if completion:
            yield spec.render_opening(request.prompt_fields(), request.tone)
        parts: list[str] = []
        usage = usage if usage is not None else Usage()
        try:
            for chunk in self.client.stream(prompt, stop=spec.stop(), seed=seed, usage=usage):
                parts.append(chunk)
                yield chunk
        except ProviderError as exc:
            exc.partial = "".join(parts)  # kept in the attempt: nothing the model sent is lost
            raise
        generated = clean_output("".join(parts))
        if not completion:
            return generated, usage
        text = spec.finish_completion(request, generated)
        signoff = spec.render_signoff(request.prompt_fields(), request.tone)
        if signoff:
            yield "\n\n" + signoff
        return text, usage

    def _generate_quietly(
        self,
        prompt: str | list[BaseMessage],
        spec: PromptSpec,
        request: DraftRequest,
        seed: int | None,
        usage: Usage | None = None,
    ) -> tuple[str, Usage]:
        chunks = self._generate(prompt, spec, request, seed, usage)
        while True:
            try:
                next(chunks)
            except StopIteration as done:
                result: tuple[str, Usage] = done.value
                return result

    def _attempt(self, text: str, usage: Usage, request: DraftRequest, source: AttemptSource, t0: float) -> Attempt:
        return Attempt(
            text=text,
            report=self._check_model_text(text, request),
            source=source,
            latency_s=time.perf_counter() - t0,
            usage=usage,
        )

    def _failed(
        self, exc: ProviderError, usage: Usage, request: DraftRequest, source: AttemptSource, t0: float
    ) -> Attempt:
        """Return the attempt of a failed call: what arrived before the failure, checked, with the reason."""
        text = clean_output(exc.partial)
        return Attempt(
            text=text,
            report=self.check(text, request),
            source=source,
            latency_s=time.perf_counter() - t0,
            usage=usage,
            error=exc.reason,
        )

    def _check_model_text(self, text: str, request: DraftRequest) -> GuardrailReport:
        """Check a model's text with every rule, plus whether it copied the prompt's examples."""
        from drafter.grounding import copied_example_violations
        from drafter.slot_checks import letter_claims

        report = self.check(text, request)
        # The checks every slot sentence passes hold for a whole model letter too.
        extra = [
            *copied_example_violations(text, prompt_for(request, self.prompt_version), request),
            *letter_claims(text, request),
        ]
        return GuardrailReport.from_violations([*report.violations, *extra]) if extra else report

    def _repair(
        self,
        spec: PromptSpec,
        request: DraftRequest,
        prompt: str | list[BaseMessage],
        first: Attempt,
        seed: int | None,
    ) -> tuple[list[Attempt], ProviderError | None]:
        """Re-ask a chat model with the violations named, or resample a base model.

        A provider failure ends the repairs: it is returned with the attempts so far.
        """
        attempts: list[Attempt] = []
        if self.client.kind == "chat":
            from langchain_core.messages import AIMessage, HumanMessage

            assert isinstance(prompt, list)
            messages = list(prompt)
            last = first
            for _ in range(self.settings.repair.max_repairs):
                t0 = time.perf_counter()
                messages += [
                    AIMessage(content=last.text),
                    HumanMessage(content=spec.repair_request(last.report)),
                ]
                usage = Usage()
                try:
                    last = self._attempt(
                        *self._generate_quietly(messages, spec, request, seed, usage), request, "repair", t0
                    )
                except ProviderError as exc:
                    attempts.append(self._failed(exc, usage, request, "repair", t0))
                    return attempts, exc
                attempts.append(last)
                if last.report.passed:
                    break
        else:
            for i in range(1, self.settings.repair.max_samples):
                t0 = time.perf_counter()
                sample_seed = None if seed is None else seed + i
                usage = Usage()
                try:
                    text, usage = self._generate_quietly(prompt, spec, request, sample_seed, usage)
                except ProviderError as exc:
                    attempts.append(self._failed(exc, usage, request, "sample", t0))
                    return attempts, exc
                attempts.append(self._attempt(text, usage, request, "sample", t0))
                if attempts[-1].report.passed:
                    break
        return attempts, None

    def _compose(self, request: DraftRequest) -> Attempt:
        from drafter.composer import compose

        t0 = time.perf_counter()
        text = compose(request, self.settings.guardrails)
        return Attempt(
            text=text,
            report=self.check(text, request),
            source="composer",
            latency_s=time.perf_counter() - t0,
        )


def _fallback_reason(
    attempts: list[Attempt], failure: ProviderError | None, unsafe: list[str], blank: str = ""
) -> tuple[str, str]:
    """Return why the composer writes the draft: a short reason and one sentence for the recruiter."""
    sentences = fallback_sentences()
    if unsafe:
        return "unsafe_field", sentences["unsafe_field"].format(fields=", ".join(unsafe))
    if failure is not None:
        return failure.reason, f"{failure} {sentences['provider']}"
    if attempts and all(a.text.strip() in ("", blank) for a in attempts if a.source != "composer"):
        return "empty_completion", sentences["empty_completion"]
    return "guardrails", sentences["guardrails"]


def _best(attempts: list[Attempt]) -> Attempt | None:
    """Return the passing attempt with the fewest warnings (the earliest on a tie), or None."""
    passing = [a for a in attempts if a.report.passed and a.error is None]  # a cut-off text is never shown
    return min(passing, key=lambda a: len(a.report.warnings)) if passing else None


def _sum_usage(attempts: list[Attempt]) -> Usage:
    def total(values: list[int | None]) -> int | None:
        known = [v for v in values if v is not None]
        return sum(known) if known else None

    return Usage(
        prompt_tokens=total([a.usage.prompt_tokens for a in attempts]),
        completion_tokens=total([a.usage.completion_tokens for a in attempts]),
        retries=[r for a in attempts for r in a.usage.retries],
    )
