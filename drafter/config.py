"""Configuration: model profiles, repair budget and guardrail bounds from drafter.toml."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from drafter.errors import ConfigError
from drafter.privacy.settings import PrivacySettings
from drafter.store.settings import StoreSettings
from guardrails.settings import GuardrailSettings

PACKAGED_CONFIG = Path(__file__).resolve().parent.parent / "drafter.toml"

Provider = Literal["llama-cpp", "openai", "openai-compatible", "fake"]
# How a draft is made: the skeleton with model-written note sentences, a model-written letter, or
# the deterministic composer alone (docs: drafter.toml).
Drafting = Literal["slots", "letter", "composer"]


class Profile(BaseModel):
    """One model a recruiter or an eval can pick by name."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="", description="The profile's name (its key in drafter.toml).")
    provider: Provider = Field(description="Which provider module serves this profile.")
    model: str | None = Field(default=None, description="Model id for OpenAI-style APIs.")
    model_path: str | None = Field(default=None, description="GGUF path for llama-cpp; default: the bundled Gemma.")
    base_url: str | None = Field(default=None, description="API base URL for openai-compatible servers.")
    api: Literal["chat", "completion"] | None = Field(
        default=None, description="Chat messages or a few-shot completion; llama-cpp is always completion."
    )
    api_key_env: str | None = Field(
        default=None, description="Name of the environment variable holding the API key (never the key)."
    )
    temperature: float = Field(default=0.7, ge=0, le=2, description="Sampling temperature.")
    top_p: float = Field(default=0.9, gt=0, le=1, description="Nucleus sampling.")
    max_tokens: int = Field(default=400, ge=16, le=4096, description="Most tokens one draft may take.")
    repeat_penalty: float = Field(default=1.1, ge=1, le=2, description="Penalty on repeated tokens (llama-cpp).")
    seed: int | None = Field(default=42, description="Sampling seed; fixed so the same request gives the same draft.")
    pseudonymize: bool | None = Field(
        default=None, description="Replace names with tokens before this model sees them; default: [privacy]."
    )
    n_threads: int | None = Field(default=None, ge=1, description="CPU threads for llama-cpp (default: all cores).")
    n_ctx: int = Field(default=4096, ge=512, description="Context window for llama-cpp.")
    timeout_s: float = Field(default=60, gt=0, description="HTTP timeout per request.")
    max_retries: int = Field(default=2, ge=0, le=10, description="HTTP retries on transient errors.")
    replies: list[str] = Field(default_factory=list, description="Queued replies for the `fake` provider.")
    drafting: Drafting | None = Field(
        default=None,
        description="`slots` (skeleton + one model sentence per note), `letter` (the model writes it all) or "
        "`composer` (no model); default: slots for completion models, letter for chat models.",
    )
    slot_max_tokens: int = Field(default=48, ge=8, le=256, description="Most tokens one slot sentence may take.")

    @property
    def drafting_mode(self) -> Drafting:
        """Return how this profile drafts (its `drafting`, else by the kind of model)."""
        if self.drafting:
            return self.drafting
        return "slots" if self.kind == "completion" else "letter"

    @property
    def kind(self) -> Literal["chat", "completion"]:
        """Return how the pipeline must prompt this profile."""
        if self.provider == "llama-cpp":
            return "completion"
        if self.api:
            return self.api
        return "chat"

    @property
    def remote(self) -> bool:
        """Return whether this profile sends prompts over the network to a model server."""
        return self.provider in ("openai", "openai-compatible")


class RepairSettings(BaseModel):
    """How hard the pipeline tries before the composer writes the draft."""

    max_repairs: int = Field(default=2, ge=0, le=10, description="Re-asks for chat models after the first draft.")
    max_samples: int = Field(default=3, ge=1, le=20, description="Samples (first included) for base models.")
    max_slot_samples: int = Field(
        default=1, ge=1, le=10, description="Slot drafting: samples per note sentence before the composer's is used."
    )


class Settings(BaseSettings):
    """Everything drafter.toml holds; DRAFTER_MODEL overrides the default profile."""

    model_config = SettingsConfigDict(env_prefix="DRAFTER_", extra="forbid")

    default_profile: str = Field(default="local", description="Profile used when none is named.")
    model: str | None = Field(default=None, description="From DRAFTER_MODEL: overrides `default_profile`.")
    drafting: Drafting | None = Field(
        default=None, description="From DRAFTER_DRAFTING: overrides every profile's `drafting` (for comparisons)."
    )
    profiles: dict[str, Profile] = Field(default_factory=dict, description="Model profiles by name.")
    repair: RepairSettings = Field(default_factory=RepairSettings, description="Repair budget.")
    guardrails: GuardrailSettings = Field(default_factory=GuardrailSettings, description="Check bounds.")
    store: StoreSettings = Field(default_factory=StoreSettings, description="History database and retention.")
    privacy: PrivacySettings = Field(default_factory=PrivacySettings, description="Pseudonymisation, disclosure.")
    config_path: str = Field(default="", description="The file these settings came from.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The environment only picks the profile; the file is passed in by load_settings.
        return (env_settings, init_settings)

    def profile_names(self) -> list[str]:
        """Return every profile name, in file order."""
        return list(self.profiles)

    def pseudonymizes(self, profile: Profile) -> bool:
        """Return whether names are replaced by tokens before `profile`'s model sees a prompt."""
        if profile.pseudonymize is not None:
            return profile.pseudonymize
        mode = self.privacy.pseudonymize
        return mode == "always" or (mode == "remote" and profile.remote)

    @property
    def active_profile(self) -> str:
        """Return the profile used when none is named (DRAFTER_MODEL, else the file's default)."""
        return self.model or self.default_profile

    def profile(self, name: str | None = None) -> Profile:
        """Return a profile by name, or raise `ConfigError` listing the valid ones."""
        chosen = name or self.active_profile
        try:
            profile = self.profiles[chosen]
        except KeyError:
            valid = ", ".join(self.profile_names()) or "(none configured)"
            raise ConfigError(f"Unknown model profile '{chosen}'. Valid profiles: {valid}.") from None
        if self.drafting and profile.drafting != self.drafting:
            return profile.model_copy(update={"drafting": self.drafting})
        return profile


def config_path(path: str | os.PathLike[str] | None = None) -> Path:
    """Return the config file to read: argument, DRAFTER_CONFIG, ./drafter.toml, then the shipped one."""
    if path:
        return Path(path)
    env = os.environ.get("DRAFTER_CONFIG")
    if env:
        return Path(env)
    local = Path.cwd() / "drafter.toml"
    return local if local.is_file() else PACKAGED_CONFIG


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"Config file not found: {path}.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Config file {path} is not valid TOML: {exc}.") from None
    except OSError as exc:
        raise ConfigError(f"Cannot read config file {path}: {exc.strerror}.") from None


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Load and validate the configuration, or raise `ConfigError` in one sentence."""
    file = config_path(path)
    data = _read_toml(file)
    for name, profile in (data.get("profiles") or {}).items():
        if isinstance(profile, dict):
            profile.setdefault("name", name)
    try:
        settings = Settings(**data, config_path=str(file))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ()))
        if where == "drafting":
            raise ConfigError(f"DRAFTER_DRAFTING is invalid: {err.get('msg', 'invalid value')}.") from None
        raise ConfigError(f"Invalid config in {file} at '{where}': {err.get('msg', 'invalid value')}.") from None
    settings.profile(settings.active_profile)  # an unknown default fails here, not mid-draft
    return settings
