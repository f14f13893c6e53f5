"""The `fake` provider: queued replies, for tests and demos; it calls nothing."""

from __future__ import annotations

from itertools import cycle
from typing import TYPE_CHECKING, Any

from langchain_core.language_models.fake import FakeStreamingListLLM
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from drafter.providers.base import ModelClient

if TYPE_CHECKING:
    from drafter.config import Profile

# What the fake says when no reply is queued: deliberately short and generic, so the
# guardrails and the composer have something real to judge.
DEFAULT_REPLY = "Tack för din ansökan. Vi har valt att gå vidare med andra kandidater."


class QueuedChatModel(GenericFakeChatModel):
    """A chat fake that streams queued replies and accepts `stop`/`seed` like a real model."""

    def _stream(self, messages: Any, stop: Any = None, run_manager: Any = None, **kwargs: Any) -> Any:
        return super()._stream(messages, stop=None, run_manager=run_manager)


def build(profile: Profile, replies: list[str] | None = None) -> ModelClient:
    """Return a client that replies with the queued texts, in order, then starts over."""
    queued = list(replies if replies is not None else profile.replies) or [DEFAULT_REPLY]
    model: Any
    if profile.kind == "chat":
        model = QueuedChatModel(messages=cycle([AIMessage(content=text) for text in queued]))
    else:
        model = FakeStreamingListLLM(responses=queued)
    return ModelClient(profile, model)
