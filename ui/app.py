"""Besked's Streamlit entry point: interface language, navigation, pages (`streamlit run ui/app.py`)."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

UI_DIR = Path(__file__).resolve().parent
# Streamlit puts this folder on sys.path only while a script runs; callbacks import ui modules too.
if str(UI_DIR) not in sys.path:
    sys.path.insert(0, str(UI_DIR))

from ui_state import keep_widget_state  # noqa: E402
from ui_text import DEFAULT_LANG, LANG_KEY, LANGUAGES, t  # noqa: E402

st.set_page_config(page_title="Besked", page_icon=":material/mail:", layout="wide", initial_sidebar_state="expanded")
keep_widget_state()

st.session_state.setdefault(LANG_KEY, DEFAULT_LANG)
st.sidebar.radio(
    t("interface_language"),
    options=list(LANGUAGES),
    format_func=lambda code: {"sv": "Svenska", "en": "English"}[code],
    key=LANG_KEY,
    horizontal=True,
)

pages = [
    st.Page(
        UI_DIR / "draft_page.py",
        title=t("nav_draft"),
        icon=":material/edit_note:",
        default=True,
        url_path="draft",
    ),
    st.Page(UI_DIR / "batch_page.py", title=t("nav_batch"), icon=":material/groups:", url_path="batch"),
    st.Page(UI_DIR / "history_page.py", title=t("nav_history"), icon=":material/history:", url_path="history"),
    st.Page(UI_DIR / "rules_page.py", title=t("nav_rules"), icon=":material/shield:", url_path="rules"),
]
# The eval page is written separately; show it once it exists.
if (UI_DIR / "eval_page.py").is_file():
    pages.append(st.Page(UI_DIR / "eval_page.py", title=t("nav_eval"), icon=":material/bar_chart:", url_path="eval"))

st.navigation(pages).run()
