"""Shared fixtures: settings from the shipped config, sample requests, fake and local drafters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.config import Settings, load_settings
from drafter.models import DraftRequest
from drafter.pipeline import Drafter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    # History goes to a fresh folder per test, never to the developer's own data directory.
    monkeypatch.delenv("DRAFTER_STORE_URL", raising=False)
    monkeypatch.setenv("DRAFTER_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    # Tests read the shipped config, whatever the developer's shell exports.
    monkeypatch.delenv("DRAFTER_MODEL", raising=False)
    monkeypatch.delenv("DRAFTER_CONFIG", raising=False)
    monkeypatch.delenv("DRAFTER_DRAFTING", raising=False)


@pytest.fixture
def settings() -> Settings:
    """Return the settings of the shipped drafter.toml."""
    return load_settings(ROOT / "drafter.toml")


@pytest.fixture
def sample_request() -> DraftRequest:
    """Return a typical Swedish email request."""
    return DraftRequest(
        candidate_name="Anna Lindqvist",
        role="projektledare",
        company="Nordvik Energi",
        recruiter_name="Karin Ek",
        highlights="din struktur när du beskrev utbyggnaden av laddstationer",
        reason="vi valde en kandidat med mer erfarenhet av upphandling",
        internal_notes="Verkade trött, kanske småbarn hemma. Lägre poäng på case: 2/5.",
        chosen_candidate_name="Per Olsson",
    )


@pytest.fixture
def fake_drafter(settings: Settings) -> Callable[..., Drafter]:
    """Return a factory of drafters whose model replies with queued texts."""

    def make(replies: list[str], kind: str = "chat") -> Drafter:
        return Drafter.with_fake(replies, settings=settings, kind=kind)  # type: ignore[arg-type]

    return make


@pytest.fixture(scope="session")
def local_drafter() -> Drafter:
    """Return one drafter on the bundled local model for the whole session (loaded once)."""
    drafter = Drafter.from_config("local", ROOT / "drafter.toml")
    _ = drafter.client
    return drafter
