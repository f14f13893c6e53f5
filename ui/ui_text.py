"""Interface strings: load ui/strings.toml and look keys up in the chosen interface language."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

STRINGS_PATH = Path(__file__).resolve().parent / "strings.toml"
LANG_KEY = "ui_lang"
LANGUAGES = ("sv", "en")
DEFAULT_LANG = "sv"


@cache
def load_strings(path: Path = STRINGS_PATH) -> dict[str, dict[str, str]]:
    """Return the string tables by language, read once per process."""
    with path.open("rb") as fh:
        data: dict[str, Any] = tomllib.load(fh)
    return {lang: {str(k): str(v) for k, v in data[lang].items()} for lang in LANGUAGES}


def current_lang() -> str:
    """Return the interface language of this session (Swedish unless switched)."""
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, lang: str | None = None, **fields: Any) -> str:
    """Return the interface string `key`, formatted with `fields`; a missing key shows as itself."""
    table = load_strings()[lang or current_lang()]
    text = table.get(key) or load_strings()[DEFAULT_LANG].get(key, key)
    return text.format(**fields) if fields else text
