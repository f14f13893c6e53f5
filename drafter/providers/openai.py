"""The `openai` and `openai-compatible` providers, through langchain-openai."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

from drafter.errors import ConfigError
from drafter.providers.base import ModelClient, current_slot, note_retry

if TYPE_CHECKING:
    from drafter.config import Profile


def _api_key(profile: Profile) -> str:
    """Return the key from the environment variable the profile names; never from a file."""
    env = profile.api_key_env
    if env:
        key = os.environ.get(env, "")
        if key:
            return key
        if profile.provider == "openai":
            raise ConfigError(f"Profile '{profile.name}' needs an API key in the environment variable {env}.")
    elif profile.provider == "openai":
        raise ConfigError(f"Profile '{profile.name}' must name its key variable in `api_key_env`.")
    # Local OpenAI-compatible servers (llama.cpp, Ollama, vLLM) accept any key.
    return "not-needed"


def _describe(profile: Profile) -> Any:
    import httpx
    import openai

    where = profile.base_url or "the OpenAI API"

    def describe(exc: Exception) -> str:
        if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
            return f"the model server at {where} timed out after {profile.timeout_s:g} s."
        if isinstance(exc, openai.APIConnectionError):
            return f"cannot reach the model server at {where}; is it running?"
        if isinstance(exc, openai.AuthenticationError):
            return f"the server at {where} rejected the API key from {profile.api_key_env or 'the environment'}."
        if isinstance(exc, openai.NotFoundError):
            return f"model '{profile.model}' was not found at {where}."
        if isinstance(exc, openai.RateLimitError):
            return f"rate limited by {where}; try again shortly."
        if isinstance(exc, openai.APIStatusError):
            return f"the server at {where} answered HTTP {exc.status_code}."
        if isinstance(exc, httpx.TransportError):
            return f"the connection to the model server at {where} was lost."
        if isinstance(exc, ValueError):
            return f"the server at {where} sent an answer that is not valid JSON."
        return f"{type(exc).__name__} from {where}."

    return describe


def _reason(exc: Exception) -> str:
    """Return the machine-readable cause of a failed call (a `ProviderError` reason)."""
    import httpx
    import openai

    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
        return "timeout"
    if isinstance(exc, openai.RateLimitError):
        return "rate_limited"
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return "auth"
    if isinstance(exc, openai.NotFoundError):
        return "not_found"
    if isinstance(exc, openai.APIStatusError):
        return "server_error" if exc.status_code >= 500 else "provider_error"
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        return "connection"
    if isinstance(exc, ValueError | openai.APIResponseValidationError):  # JSONDecodeError is a ValueError
        return "invalid_response"
    return "provider_error"


def _http_client(profile: Profile) -> Any:
    """Return an httpx client whose transport records each failed try, so a draft can say it was retried.

    Each exchange holds the call's slot (`current_slot`: a batch's limit on requests in flight)
    from the moment it is sent until its answer is read and closed, and no longer.

    Each thread gets a connection pool of its own. One pool shared by a batch's workers has one
    lock, which every request takes on the way out and again when its answer is closed; under the
    GIL the holder waits to run again while the others queue behind it, and at 16 requests in
    flight that added about 0.1 s to each 0.3 s answer.
    """
    import threading

    import httpx

    class Released(httpx.SyncByteStream):
        """An answer's body that gives the slot back once, when the body is closed."""

        def __init__(self, stream: Any, slot: Any) -> None:
            self._stream, self._slot, self._open = stream, slot, True

        def __iter__(self) -> Any:
            yield from self._stream

        def close(self) -> None:
            try:
                self._stream.close()
            finally:
                if self._open:
                    self._open = False
                    _leave(self._slot, None)

    class RecordingTransport(httpx.BaseTransport):
        def __init__(self) -> None:
            self._local = threading.local()
            self._pools: list[httpx.HTTPTransport] = []
            self._lock = threading.Lock()

        def _pool(self) -> httpx.HTTPTransport:
            pool: httpx.HTTPTransport | None = getattr(self._local, "pool", None)
            if pool is None:
                pool = self._local.pool = httpx.HTTPTransport()
                with self._lock:
                    self._pools.append(pool)
            return pool

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            slot = current_slot()
            slot.__enter__()
            try:
                response = self._pool().handle_request(request)
            except BaseException as exc:
                if isinstance(exc, httpx.TimeoutException):
                    note_retry("timeout")
                elif isinstance(exc, httpx.TransportError):
                    note_retry("connection")
                _leave(slot, exc)
                raise
            if response.status_code == 429:
                note_retry("rate_limited")
                response.read()  # the SDK raises or retries on it; the slot records the refusal first
                response.close()
                _leave(slot, _Refused(response))
                return response
            if response.status_code >= 500:
                note_retry("server_error")
            return httpx.Response(
                response.status_code,
                headers=response.headers,
                stream=Released(response.stream, slot),
                extensions=response.extensions,
                request=request,
            )

        def close(self) -> None:
            with self._lock:
                pools, self._pools = self._pools, []
            for pool in pools:
                pool.close()

    return httpx.Client(transport=RecordingTransport(), timeout=profile.timeout_s, follow_redirects=True)


class _Refused(Exception):
    """A 429 as the slot sees a failure: the status and the headers that may carry Retry-After."""

    def __init__(self, response: Any) -> None:
        super().__init__("429")
        self.status_code = response.status_code
        self.response = response


def _leave(slot: Any, exc: BaseException | None) -> None:
    """Give a slot back, telling it how the exchange ended (its own re-raise of `exc` is not ours)."""
    try:
        if exc is None:
            slot.__exit__(None, None, None)
        else:
            slot.__exit__(type(exc), exc, exc.__traceback__)
    except BaseException as raised:
        if raised is not exc:
            raise


class _NoRequestBodies(logging.Filter):
    """Drop the SDK's debug record of each request's options: it holds the whole prompt, candidate text included."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Request options")


_NO_BODIES = _NoRequestBodies()


def _quiet_sdk_logs() -> None:
    """Keep candidate text out of logs even when a user turns the SDK's debug logging on."""
    logger = logging.getLogger("openai._base_client")
    if _NO_BODIES not in logger.filters:
        logger.addFilter(_NO_BODIES)


def build(profile: Profile) -> ModelClient:
    """Return a client for an OpenAI or OpenAI-compatible endpoint, chat or completion."""
    if profile.provider == "openai-compatible" and not profile.base_url:
        raise ConfigError(f"Profile '{profile.name}' (openai-compatible) needs a `base_url`.")
    if not profile.model:
        raise ConfigError(f"Profile '{profile.name}' needs a `model` name.")
    _quiet_sdk_logs()
    common: dict[str, Any] = {
        "model": profile.model,
        "api_key": _api_key(profile),
        "base_url": profile.base_url,
        "timeout": profile.timeout_s,
        "max_retries": profile.max_retries,
        "temperature": profile.temperature,
        "top_p": profile.top_p,
        "max_tokens": profile.max_tokens,
        "http_client": _http_client(profile),
    }
    model: Any
    if profile.kind == "completion":
        from langchain_openai import OpenAI

        model = OpenAI(**common)
    else:
        from langchain_openai import ChatOpenAI

        model = ChatOpenAI(**common, stream_usage=True)
    return ModelClient(profile, model, describe_error=_describe(profile), reason_of=_reason, slots_per_request=True)
