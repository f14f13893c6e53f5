from __future__ import annotations

from pathlib import Path

import pytest

from drafter.config import load_settings
from drafter.errors import ConfigError
from drafter.pipeline import Drafter


def test_shipped_config_has_local_default_and_openai(settings) -> None:
    assert settings.active_profile == "local"
    assert {"local", "openai", "fake"} <= set(settings.profile_names())
    assert settings.profile("local").kind == "completion"
    assert settings.profile("openai").kind == "chat"


def test_unknown_profile_lists_valid_ones(settings) -> None:
    with pytest.raises(ConfigError) as info:
        settings.profile("gpt-9")
    assert "Unknown model profile 'gpt-9'" in str(info.value)
    for name in settings.profile_names():
        assert name in str(info.value)


def test_drafter_model_env_picks_profile(monkeypatch: pytest.MonkeyPatch, settings) -> None:
    monkeypatch.setenv("DRAFTER_MODEL", "fake")
    assert load_settings(settings.config_path).active_profile == "fake"
    monkeypatch.setenv("DRAFTER_MODEL", "nope")
    with pytest.raises(ConfigError, match="Valid profiles"):
        load_settings(settings.config_path)


def test_drafter_config_env_and_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('default_profile = "f"\n[profiles.f]\nprovider = "fake"\n')
    monkeypatch.setenv("DRAFTER_CONFIG", str(cfg))
    assert load_settings().profile_names() == ["f"]
    cfg.write_text("this is = = not toml")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings()
    cfg.write_text('[profiles.f]\nprovider = "magic"\n')
    with pytest.raises(ConfigError, match=r"profiles\.f\.provider"):
        load_settings()
    monkeypatch.setenv("DRAFTER_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(ConfigError, match="not found"):
        load_settings()


def test_openai_key_only_from_environment(monkeypatch: pytest.MonkeyPatch, settings) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        _ = Drafter.from_config("openai", settings).client
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-real")
    client = Drafter.from_config("openai", settings).client
    assert client.kind == "chat"
    # The key is held by the SDK object, never by our settings or their dump.
    assert "sk-test-not-real" not in settings.model_dump_json()


def test_drafting_mode_per_profile_with_kind_defaults(settings) -> None:
    assert settings.profile("local").drafting_mode == "slots"
    assert settings.profile("local-letter").drafting_mode == "letter"
    assert settings.profile("local-composer").drafting_mode == "composer"
    assert settings.profile("openai").drafting_mode == "letter"
    from drafter.config import Profile

    assert Profile(provider="llama-cpp").drafting_mode == "slots"
    assert Profile(provider="openai-compatible").drafting_mode == "letter"


def test_unknown_drafting_mode_lists_the_valid_ones(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('default_profile = "f"\n[profiles.f]\nprovider = "fake"\ndrafting = "sentences"\n')
    with pytest.raises(ConfigError, match=r"profiles\.f\.drafting.*'slots', 'letter' or 'composer'"):
        load_settings(cfg)


def test_drafter_drafting_env_overrides_every_profile(monkeypatch: pytest.MonkeyPatch, settings) -> None:
    monkeypatch.setenv("DRAFTER_DRAFTING", "letter")
    overridden = load_settings(settings.config_path)
    assert overridden.profile("local").drafting_mode == "letter"
    assert Drafter.from_config("local", overridden).drafting == "letter"
    monkeypatch.setenv("DRAFTER_DRAFTING", "prose")
    with pytest.raises(ConfigError, match=r"DRAFTER_DRAFTING is invalid.*'slots', 'letter' or 'composer'"):
        load_settings(settings.config_path)
