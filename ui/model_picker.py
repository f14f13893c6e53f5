"""The sidebar's model selector, shared by the pages that draft."""

from __future__ import annotations

import streamlit as st
from ui_state import PROFILE_KEY, injected_drafter
from ui_text import t

from drafter.config import Settings


def select_model(settings: Settings, privacy_note: bool = True) -> str:
    """Draw the model selector in the sidebar; return the chosen profile.

    `privacy_note` adds a caption when the chosen profile sees pseudonyms instead of names (the
    Batch page says so in its own panel).
    """
    names = settings.profile_names()
    if st.session_state.get(PROFILE_KEY) not in names:
        st.session_state[PROFILE_KEY] = settings.active_profile
    injected = injected_drafter()
    st.sidebar.selectbox(
        t("model"), options=names, key=PROFILE_KEY, help=t("model_help"), disabled=injected is not None
    )
    if injected is not None:
        st.sidebar.caption(t("model_injected", name=injected.profile_name))
        return str(injected.profile_name)
    chosen = settings.profile(str(st.session_state[PROFILE_KEY]))
    if privacy_note and settings.pseudonymizes(chosen):
        st.sidebar.caption(":material/shield_person: " + t("batch_pseudonymized", name=chosen.name))
    return str(st.session_state[PROFILE_KEY])
