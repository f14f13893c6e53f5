"""State of the Batch and History pages: the history store, the uploaded round, its validated rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

if TYPE_CHECKING:
    from drafter.batch.reading import Table
    from drafter.config import Settings
    from drafter.models import DraftResult
    from drafter.store.history import History
    from guardrails.report import GuardrailReport

HISTORY_KEY = "history"  # tests may put a ready History here
ROUND_KEY = "batch_round_id"
ROWS_KEY = "batch_rows"
TABLE_KEY = "batch_table"
EDITOR_VERSION_KEY = "batch_editor_version"


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_history(url: str, settings_json: str) -> History:
    from drafter.config import Settings
    from drafter.store import open_history

    return open_history(Settings.model_validate_json(settings_json))


def get_history(settings: Settings) -> History:
    """Return the injected history, or the configured one (opened, migrated and purged once per URL)."""
    injected = st.session_state.get(HISTORY_KEY)
    if injected is not None:
        return injected
    from drafter.store.engine import store_url

    return _cached_history(store_url(settings.store), settings.model_dump_json())


def purge_daily(history: History) -> None:
    """Purge past-retention drafts when a day has passed since the last purge (cheap when not due)."""
    from drafter.store.privacy import purge_if_due

    purge_if_due(history)


def read_upload(name: str, data: bytes) -> Table:
    """Return the uploaded file's table, read once per file content; may raise InputError."""
    import hashlib

    from drafter.batch.reading import read_table

    digest = hashlib.sha256(data).hexdigest()
    cached: tuple[str, Any] | None = st.session_state.get(TABLE_KEY)
    if cached is not None and cached[0] == digest:
        table: Table = cached[1]
        return table
    table = read_table(data, name)
    st.session_state[TABLE_KEY] = (digest, table)
    return table


def bump_editor() -> None:
    """Give the review table a fresh key: its pending cell edits were saved (or a row was re-drafted)."""
    st.session_state[EDITOR_VERSION_KEY] = int(st.session_state.get(EDITOR_VERSION_KEY, 0)) + 1


def editor_key() -> str:
    """Return the review table's current widget key."""
    return f"batch_editor_{st.session_state.get(EDITOR_VERSION_KEY, 0)}"


def format_eta(seconds: float | None) -> str:
    """Return an ETA as m:ss (or '…' before the first row finished)."""
    if seconds is None:
        return "…"
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def remember_single(result: DraftResult, settings: Settings) -> int | None:
    """Store a draft made on the draft page in today's round of single drafts; return its id (None on failure)."""
    from ui_text import t

    from drafter.errors import DrafterError
    from drafter.store.singles import save_single

    try:
        record = save_single(get_history(settings), result, t("single_round", date="{date}"))
    except DrafterError:
        st.caption(":material/warning: " + t("history_not_saved"))
        return None
    return record.id


def remember_export(draft_id: int | None, kind: str, text: str, settings: Settings) -> None:
    """Store a single draft's text as it was downloaded (nothing when the draft was not stored)."""
    from drafter.errors import DrafterError

    if draft_id is None:
        return
    try:
        get_history(settings).record_exports(kind, [(draft_id, text)])
    except DrafterError:
        return


def remember_edit(draft_id: int | None, text: str, report: GuardrailReport, settings: Settings) -> None:
    """Store an edit made on the draft page (nothing when the draft was not stored)."""
    from drafter.errors import DrafterError

    if draft_id is None:
        return
    try:
        get_history(settings).record_edit(draft_id, text, report)
    except DrafterError:
        return
