"""The model seam: one client type every provider returns, built on langchain-core runnables."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any, Literal

from drafter.errors import DrafterError, ProviderError
from drafter.models import Usage

if TYPE_CHECKING:
    from collections.abc import Iterable

    from langchain_core.language_models import BaseLanguageModel
    from langchain_core.messages import BaseMessage

    from drafter.config import Profile


# Per thread: the retries the HTTP layer made during the current `stream` call (see `note_retry`).
_calls = threading.local()


def current_slot() -> AbstractContextManager[None]:
    """Return what the current call's requests each hold while out (for a provider that gates its own HTTP)."""
    slot: Callable[[], AbstractContextManager[None]] = getattr(_calls, "slot", nullcontext)
    return slot()


def note_retry(reason: str) -> None:
    """Record that the HTTP layer is retrying the current call (called from a provider's hooks)."""
    retries = getattr(_calls, "retries", None)
    if retries is not None:
        retries.append(reason)


class ModelClient:
    """A profile's model: streams text for a prompt and records token usage where known."""

    # Whole answers: one response per call instead of a chunk per token. Batches use it with HTTP
    # models, where parsing and merging hundreds of chunks costs more CPU than the draft itself.
    whole_answers: bool = False
    # What each call holds while it is out: a batch's limit on requests in flight (`RateGate.slot`).
    slot: Callable[[], AbstractContextManager[None]] = nullcontext
    # The provider holds `slot` itself around each HTTP exchange (`current_slot`), so building the
    # request and parsing the answer, and the SDK's waits between its own retries, are done
    # outside it; otherwise the whole call holds it.
    slots_per_request: bool = False

    def __init__(
        self,
        profile: Profile,
        model: BaseLanguageModel[Any],
        describe_error: Callable[[Exception], str] | None = None,
        reason_of: Callable[[Exception], str] | None = None,
        slots_per_request: bool = False,
    ) -> None:
        self.profile = profile
        self.slots_per_request = slots_per_request
        self.model = model
        self.kind: Literal["chat", "completion"] = profile.kind
        self._describe_error = describe_error or (lambda exc: type(exc).__name__)
        self._reason_of = reason_of or (lambda exc: "provider_error")

    def stream(
        self, prompt: str | list[BaseMessage], *, stop: list[str], seed: int | None, usage: Usage | None = None
    ) -> Iterator[str]:
        """Yield the model's text in chunks, filling `usage` where the provider reports it.

        Raise `ProviderError` (with its `reason`) on any provider failure. Usage is per call, so
        threads sharing a client never see each other's counts; so are `usage.retries`, the
        reasons of the retries the HTTP layer made.
        """
        usage = usage if usage is not None else Usage()
        kwargs: dict[str, Any] = {"stop": stop}
        if seed is not None:
            kwargs["seed"] = seed
        received = False
        outer, outer_slot = getattr(_calls, "retries", None), getattr(_calls, "slot", nullcontext)
        _calls.retries, _calls.slot = usage.retries, self.slot
        try:
            with nullcontext() if self.slots_per_request else self.slot():
                for chunk in self._chunks(prompt, kwargs):
                    text = chunk if isinstance(chunk, str) else _content(chunk)
                    reported = getattr(chunk, "usage_metadata", None)
                    if reported:
                        usage.prompt_tokens = reported.get("input_tokens")
                        usage.completion_tokens = reported.get("output_tokens")
                    if text:
                        received = True
                        yield text
        except DrafterError:
            raise
        except Exception as exc:  # vendor SDKs raise their own types; the user gets one sentence
            reason = self._reason_of(exc)
            if usage.retries and usage.retries[-1] in (reason, "connection"):
                usage.retries.pop()  # the last failed try was not retried: it is the failure itself
            if received and reason == "connection":
                reason = "truncated_stream"  # the connection went away after the answer had begun
            described = (
                "the answer stopped in the middle of the stream."
                if reason == "truncated_stream"
                else self._describe_error(exc)
            )
            raise ProviderError(f"Model profile '{self.profile.name}' failed: {described}", reason=reason) from exc
        finally:
            _calls.retries, _calls.slot = outer, outer_slot
        # In-process models record usage per thread on the model object.
        counted = getattr(self.model, "last_usage", None)
        if isinstance(counted, Usage):
            usage.prompt_tokens, usage.completion_tokens = counted.prompt_tokens, counted.completion_tokens

    def _chunks(self, prompt: str | list[BaseMessage], kwargs: dict[str, Any]) -> Iterable[Any]:
        """Return the model's stream, or its whole answer as the only chunk."""
        if self.whole_answers:
            return [self.model.invoke(prompt, **kwargs)]
        return self.model.stream(prompt, **kwargs)

    def whole(self) -> ModelClient:
        """Return a client for the same model that asks for whole answers (no token streaming)."""
        return self._clone(whole_answers=True)

    def gated(self, slot: Callable[[], AbstractContextManager[None]]) -> ModelClient:
        """Return a client for the same model whose every call holds `slot()` while it is out."""
        return self._clone(slot=slot)

    def _clone(self, **changes: Any) -> ModelClient:
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.__dict__.update(changes)
        return clone


def _content(chunk: Any) -> str:
    content = getattr(chunk, "content", "")
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
