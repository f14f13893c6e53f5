"""Providers: each module builds a `ModelClient` for one kind of profile."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.config import Profile
    from drafter.providers.base import ModelClient

# provider name -> module; modules (and their vendor SDKs) load only when a profile uses them.
MODULES = {
    "llama-cpp": "drafter.providers.llama_cpp",
    "openai": "drafter.providers.openai",
    "openai-compatible": "drafter.providers.openai",
    "fake": "drafter.providers.fake",
}


def build_client(profile: Profile) -> ModelClient:
    """Return the model client for a profile."""
    module = importlib.import_module(MODULES[profile.provider])
    client: ModelClient = module.build(profile)
    return client
