"""Typed errors: every failure a user can cause or meet is a `DrafterError`."""

from __future__ import annotations

from guardrails.errors import GuardrailError as _GuardrailLayerError


class DrafterError(Exception):
    """Base of every error Besked shows to a user as one sentence."""


class ConfigError(DrafterError):
    """The configuration (drafter.toml, environment) is invalid or names something unknown."""


class ProviderError(DrafterError):
    """A model provider failed: server down, timeout, missing model file, bad key.

    `reason` is a short machine-readable cause (see `PROVIDER_REASONS`); the message is the sentence.
    """

    def __init__(self, message: str, reason: str = "provider_error") -> None:
        super().__init__(message)
        self.reason = reason
        self.partial = ""  # text the model had streamed before it failed (set by the pipeline)


# Causes a provider failure can have; `DraftResult.fallback_reason` uses them too.
PROVIDER_REASONS = (
    "timeout",
    "rate_limited",
    "server_error",
    "invalid_response",
    "truncated_stream",
    "connection",
    "auth",
    "not_found",
    "model_stopped",
    "provider_error",
)


class GuardrailError(DrafterError, _GuardrailLayerError):
    """The guardrail layer could not check a text (bad lexicon, bad check input).

    `guardrails` raises its own `guardrails.errors.GuardrailError`; drafter re-raises it as this one at
    its seams (`as_drafter_error`), so `except DrafterError` and `except guardrails...GuardrailError` both work.
    """


def as_drafter_error(exc: _GuardrailLayerError) -> GuardrailError:
    """Return a guardrail-layer error as a drafter error with the same sentence."""
    return exc if isinstance(exc, GuardrailError) else GuardrailError(str(exc))


class InputError(DrafterError):
    """The user's input is invalid: missing field, malformed JSON, oversized text."""
