"""The model seam: one client type every provider returns, built on langchain-core runnables."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Literal

from drafter.errors import DrafterError, ProviderError
from drafter.models import Usage

if TYPE_CHECKING:
    from langchain_core.language_models import BaseLanguageModel
    from langchain_core.messages import BaseMessage

    from drafter.config import Profile


class ModelClient:
    """A profile's model: streams text for a prompt and records token usage where known."""

    def __init__(
        self,
        profile: Profile,
        model: BaseLanguageModel[Any],
        describe_error: Callable[[Exception], str] | None = None,
    ) -> None:
        self.profile = profile
        self.model = model
        self.kind: Literal["chat", "completion"] = profile.kind
        self.last_usage = Usage()
        self._describe_error = describe_error or (lambda exc: type(exc).__name__)

    def stream(self, prompt: str | list[BaseMessage], *, stop: list[str], seed: int | None) -> Iterator[str]:
        """Yield the model's text in chunks; raise `ProviderError` on any provider failure."""
        self.last_usage = Usage()
        kwargs: dict[str, Any] = {"stop": stop}
        if seed is not None:
            kwargs["seed"] = seed
        try:
            for chunk in self.model.stream(prompt, **kwargs):
                text = chunk if isinstance(chunk, str) else _content(chunk)
                usage = getattr(chunk, "usage_metadata", None)
                if usage:
                    self.last_usage = Usage(
                        prompt_tokens=usage.get("input_tokens"), completion_tokens=usage.get("output_tokens")
                    )
                if text:
                    yield text
        except DrafterError:
            raise
        except Exception as exc:  # vendor SDKs raise their own types; the user gets one sentence
            raise ProviderError(
                f"Model profile '{self.profile.name}' failed: {self._describe_error(exc)}"
            ) from exc
        usage_after = getattr(self.model, "last_usage", None)
        if isinstance(usage_after, Usage):
            self.last_usage = usage_after


def _content(chunk: Any) -> str:
    content = getattr(chunk, "content", "")
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
