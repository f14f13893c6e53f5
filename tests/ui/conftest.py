"""Fixtures for the Streamlit app tests: an AppTest with an injected fake drafter."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from drafter.config import Settings
from drafter.pipeline import Drafter

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ui"))

from ui_test_support import APP, GOOD_SV


@pytest.fixture
def make_app(settings: Settings) -> Callable[..., AppTest]:
    """Return a factory of started AppTests whose drafter is injected."""

    def make(drafter: Drafter | None = None, replies: list[str] | None = None) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.session_state["drafter"] = drafter or Drafter.with_fake(replies or [GOOD_SV], settings=settings)
        return at.run()

    return make
