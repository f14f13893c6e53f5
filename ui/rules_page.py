"""Rules page: the guidelines in brief and every guardrail rule Besked checks."""

from __future__ import annotations

import streamlit as st
from ui_text import current_lang, t

from guardrails import RULES


def main() -> None:
    """Draw the rules page."""
    st.title(":material/shield: " + t("rules_title"), anchor=False)
    st.write(t("rules_intro"))
    st.subheader(t("rules_principles"), anchor=False)
    st.markdown(t("principles"))
    sv = current_lang() == "sv"
    rows = [
        {
            t("rule_col"): info.id,
            t("severity_col"): t("severity_block") if info.severity == "block" else t("severity_warn"),
            t("description_col"): info.description_sv if sv else info.description_en,
        }
        for info in sorted(RULES.values(), key=lambda r: (r.severity != "block", r.id))
    ]
    st.dataframe(rows, hide_index=True, width="stretch")


main()
