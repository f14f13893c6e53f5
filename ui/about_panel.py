"""The sidebar's "about" panel: what the local model runs on (the same facts as `drafter doctor`)."""

from __future__ import annotations

import streamlit as st
from ui_text import t

from drafter.config import Settings
from drafter.errors import DrafterError

ABOUT_KEY = "about_report"


def render_about(settings: Settings, profile: str) -> None:
    """Show config and profile; on request, the doctor's checks with a smoke generation."""
    with st.sidebar.expander(t("about_title"), icon=":material/info:"):
        st.caption(t("about_config", path=settings.config_path or "-"))
        st.caption(t("about_profile", name=profile))
        # Checking starts the model's worker and generates: only when asked, never on every rerun.
        if st.button(t("about_check"), key="about_check", use_container_width=True):
            from drafter.doctor import diagnose

            try:
                st.session_state[ABOUT_KEY] = diagnose(settings, settings.profile(profile))
            except DrafterError as exc:
                st.session_state[ABOUT_KEY] = str(exc)
        report = st.session_state.get(ABOUT_KEY)
        if isinstance(report, str):
            st.error(report, icon=":material/error:")
        elif report is not None:
            for check in report.checks:
                mark = "✅" if check.ok and not check.warning else ("⚠️" if check.ok else "❌")
                st.markdown(f"{mark} **{check.name}**: {check.detail}")
            if report.problem:
                st.error(report.problem, icon=":material/error:")
            else:
                st.success(t("about_ok"), icon=":material/check_circle:")
