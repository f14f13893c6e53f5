"""Export a checked draft: copy block, .txt and .eml downloads (built by drafter.exports), and the logged override."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal

import streamlit as st
from ui_state import override_key
from ui_text import t

from drafter import exports
from drafter.exports import split_subject  # noqa: F401 - re-exported for the page and its tests
from drafter.models import DraftRequest
from guardrails.report import GuardrailReport

logger = logging.getLogger("besked.ui")


def build_eml(text: str, request: DraftRequest) -> bytes:
    """Return an unsent email (.eml) with a subject, ready to open in a mail client (headers CR/LF-safe)."""
    return exports.build_eml(text, request)


def file_stem(request: DraftRequest) -> str:
    """Return an ASCII file name stem from the candidate and channel."""
    ascii_name = unicodedata.normalize("NFKD", request.candidate_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower() or "kandidat"
    return f"besked-{slug}-{request.channel}"


def log_override(rules: list[str]) -> None:
    """Log that a recruiter exported a blocked text: rule ids and time only, never the text."""
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    logger.warning("export override: rules=%s at=%s", ",".join(sorted(set(rules))), stamp)


def _on_override(channel: str, rules: list[str]) -> None:
    if st.session_state.get(override_key(channel)):
        log_override(rules)


def export_allowed(channel: str, report: GuardrailReport) -> bool:
    """Return True when the text passes every block rule or the recruiter confirmed an override."""
    return report.passed or bool(st.session_state.get(override_key(channel)))


def render_export(
    channel: str,
    text: str,
    request: DraftRequest,
    report: GuardrailReport,
    on_export: Callable[[str, str], None] | None = None,
) -> None:
    """Show copy and downloads, enabled only while the text passes or an override is confirmed.

    `on_export(kind, text)` runs when a file is downloaded (kind `txt` or `eml`), so the history keeps
    the text as it left the app.
    """
    record: Callable[[str, str], None] | Literal["ignore"] = on_export if on_export is not None else "ignore"
    st.subheader(t("export_title"), anchor=False)
    if not report.passed:
        st.warning(t("export_locked"), icon=":material/lock:")
        st.checkbox(
            t("override_label"),
            key=override_key(channel),
            on_change=_on_override,
            args=(channel, [v.rule for v in report.blocking]),
        )
    allowed = export_allowed(channel, report)
    if allowed and not report.passed:
        st.caption(t("override_note"))
    if allowed:
        st.caption(t("copy_hint"))
        st.code(text, language=None, wrap_lines=True, height=180)
    stem = file_stem(request)
    cols = st.columns(2)
    cols[0].download_button(
        t("download_txt"),
        data=text.encode("utf-8"),
        file_name=f"{stem}.txt",
        mime="text/plain",
        key=f"dl_txt_{channel}",
        disabled=not allowed,
        on_click=record,
        args=("txt", text) if on_export else None,
        icon=":material/description:",
    )
    if channel == "email":
        cols[1].download_button(
            t("download_eml"),
            data=build_eml(text, request),
            file_name=f"{stem}.eml",
            mime="message/rfc822",
            key=f"dl_eml_{channel}",
            disabled=not allowed,
            on_click=record,
            args=("eml", text) if on_export else None,
            icon=":material/mail:",
        )
