"""Typed errors: every failure a user can cause or meet is a `DrafterError`."""

from __future__ import annotations


class DrafterError(Exception):
    """Base of every error Besked shows to a user as one sentence."""


class ConfigError(DrafterError):
    """The configuration (drafter.toml, environment) is invalid or names something unknown."""


class ProviderError(DrafterError):
    """A model provider failed: server down, timeout, missing model file, bad key."""


class GuardrailError(DrafterError):
    """The guardrail layer could not check a text (bad lexicon, bad check input)."""


class InputError(DrafterError):
    """The user's input is invalid: missing field, malformed JSON, oversized text."""
