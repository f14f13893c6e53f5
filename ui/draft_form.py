"""The request form of the draft page: every DraftRequest field, the private fields kept apart."""

from __future__ import annotations

import streamlit as st
from ui_state import REQUIRED, form_key, init_form_defaults
from ui_text import t

from drafter.models import MAX_NAME, MAX_NOTES, MAX_SHORT, MAX_TEXT


def _label(field: str) -> str:
    """Return a field's label, starred when required."""
    return t(field) + (" *" if field in REQUIRED else "")


def render_form(channel: str) -> bool:
    """Draw the request form; return True when it was submitted for `channel`."""
    init_form_defaults()
    with st.form("request_form", enter_to_submit=False):
        st.subheader(t("form_title"), anchor=False)
        left, right = st.columns(2)
        left.text_input(_label("candidate_name"), key=form_key("candidate_name"), max_chars=MAX_NAME)
        right.text_input(_label("role"), key=form_key("role"), max_chars=MAX_SHORT)
        left.text_input(_label("company"), key=form_key("company"), max_chars=MAX_SHORT)
        right.text_input(_label("recruiter_name"), key=form_key("recruiter_name"), max_chars=MAX_NAME)
        left.selectbox(
            t("draft_language"),
            options=["sv", "en"],
            format_func=lambda code: t(f"lang_{code}"),
            key=form_key("language"),
        )
        right.selectbox(
            t("tone"),
            options=["warm", "formal"],
            format_func=lambda tone: t(f"tone_{tone}"),
            key=form_key("tone"),
        )
        st.text_area(
            t("highlights"),
            key=form_key("highlights"),
            help=t("highlights_help"),
            max_chars=MAX_TEXT,
            height=80,
        )
        st.text_area(t("reason"), key=form_key("reason"), help=t("reason_help"), max_chars=MAX_TEXT, height=80)
        st.toggle(t("feedback_toggle"), key=form_key("feedback_on"))
        st.text_area(t("feedback"), key=form_key("feedback"), help=t("feedback_help"), max_chars=MAX_TEXT, height=80)
        with st.expander(":material/lock: " + t("private_title"), expanded=False):
            st.caption(t("private_caption"))
            st.text_input(t("chosen_candidate_name"), key=form_key("chosen_candidate_name"), max_chars=MAX_NAME)
            st.text_area(t("internal_notes"), key=form_key("internal_notes"), max_chars=MAX_NOTES, height=100)
        return st.form_submit_button(
            t(f"generate_{channel}"),
            type="primary",
            icon=":material/edit_note:",
            width="stretch",
            key="generate",
        )
