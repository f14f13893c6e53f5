"""Typed errors: every failure a user can cause or meet is a `DrafterError`."""

from __future__ import annotations

from guardrails.errors import GuardrailError as _GuardrailLayerError


class DrafterError(Exception):
    """Base of every error Besked shows to a user as one sentence."""


class ConfigError(DrafterError):
    """The configuration (drafter.toml, environment) is invalid or names something unknown."""


class ProviderError(DrafterError):
    """A model provider failed: server down, timeout, missing model file, bad key."""


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
