"""Review a drafted round: every draft with its guardrail status in an editable table, one row re-drafted
or edited in full, and the exports (CSV for Excel, a zip of .eml files) with the not-before date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st
from batch_state import bump_editor, editor_key
from ui_state import check_text, get_drafter
from ui_text import t

from drafter.batch.output import OUT_COLUMNS, eml_items, output_rows
from drafter.batch.validation import BatchRow
from drafter.config import Settings
from drafter.errors import DrafterError
from drafter.exports import csv_bytes, eml_zip
from drafter.store.history import History
from drafter.store.records import DraftRecord

TEXT_COL = "text"
SAVED_KEY = "batch_saved"  # shows "saved" once, on the run after the save


def _rules(record: DraftRecord) -> str:
    report = record.report
    if report is None:
        return ""
    return " ".join(sorted({v.rule for v in report.violations}))


def _table(drafts: list[DraftRecord]) -> list[dict[str, Any]]:
    return [
        {
            "row": d.row,
            "name": d.candidate_name,
            "status": t(f"row_status_{d.status}"),
            "passed": bool(d.passed),
            "rules": _rules(d),
            TEXT_COL: d.text or "",
            "error": d.error or "",
        }
        for d in drafts
    ]


def _save_edit(history: History, record: DraftRecord, text: str, settings: Settings) -> None:
    history.record_edit(record.id, text, check_text(text, record.request, settings))


def _editable_table(history: History, drafts: list[DraftRecord], settings: Settings) -> None:
    rows = _table(drafts)
    edited = st.data_editor(
        rows,
        key=editor_key(),
        hide_index=True,
        width="stretch",
        disabled=[c for c in rows[0] if c != TEXT_COL] if rows else True,
        column_config={
            "row": st.column_config.NumberColumn(t("batch_col_row"), width="small"),
            "name": st.column_config.TextColumn(t("batch_col_name")),
            "status": st.column_config.TextColumn(t("batch_col_status"), width="small"),
            "passed": st.column_config.CheckboxColumn(t("batch_col_passed"), width="small"),
            "rules": st.column_config.TextColumn(t("batch_col_rules")),
            TEXT_COL: st.column_config.TextColumn(t("batch_col_text"), width="large"),
            "error": st.column_config.TextColumn(t("batch_col_error")),
        },
    )
    changed = False
    for record, row in zip(drafts, edited, strict=False):
        text = str(row.get(TEXT_COL) or "")
        if record.text is not None and text.strip() and text != record.text:
            _save_edit(history, record, text, settings)
            changed = True
    if changed:
        bump_editor()
        st.rerun()


def _row_panel(history: History, round_id: int, drafts: list[DraftRecord], rows: list[BatchRow], settings: Settings,
               profile: str) -> None:  # fmt: skip
    """One row in full: edit its text (checked again), or draft it again."""
    by_row = {d.row: d for d in drafts}
    st.subheader(t("batch_redraft"), anchor=False)
    chosen = st.selectbox(
        t("batch_redraft_row"),
        options=list(by_row),
        format_func=lambda r: f"{r} · {by_row[r].candidate_name} · {t(f'row_status_{by_row[r].status}')}",
        key="batch_row",
    )
    if chosen is None:
        return
    record = by_row[chosen]
    if record.text is not None:
        key = f"batch_text_{record.id}_{record.updated_at.timestamp()}"
        text = st.text_area(t("history_text"), value=record.text, height=260, key=key)
        if text != record.text and st.button(t("history_save"), key="batch_save", icon=":material/save:"):
            _save_edit(history, record, text, settings)
            bump_editor()
            st.session_state[SAVED_KEY] = True
            st.rerun()
        if st.session_state.pop(SAVED_KEY, False):
            st.success(t("history_saved"), icon=":material/check:")
    source = next((r for r in rows if r.row == chosen), None)
    if source is not None and st.button(t("batch_redraft_button"), key="batch_redraft", icon=":material/refresh:"):
        from drafter.batch.runner import redraft

        try:
            redraft(get_drafter(profile, settings), history, round_id, source)
        except DrafterError as exc:
            st.error(str(exc), icon=":material/error:")
            return
        bump_editor()
        st.toast(t("batch_redrafted", row=chosen))
        st.rerun()


def _record(history: History, kind: str, pairs: list[tuple[int, str]]) -> None:
    history.record_exports(kind, pairs)


def _exports(history: History, round_id: int, drafts: list[DraftRecord], settings: Settings) -> None:
    round_ = history.get_round(round_id)
    not_before = round_.not_before if round_ else None
    st.subheader(t("batch_export"), anchor=False)
    if not_before is not None and not_before > dt.date.today():
        st.warning(t("batch_not_before_warning", date=not_before.isoformat()), icon=":material/schedule:")
    blocked = sum(1 for d in drafts if d.status == "blocked")
    if blocked:
        st.warning(t("batch_blocked_warning", n=blocked), icon=":material/lock:")
    disclosure = settings.privacy.disclosure_for
    rows = output_rows(drafts, {}, {}, disclosure, not_before)
    items = eml_items(drafts, disclosure)
    ids = {d.row: d.id for d in drafts}
    stem = (round_.name if round_ else "besked").rsplit(".", 1)[0] or "besked"
    left, right = st.columns(2)
    left.download_button(
        t("batch_download_csv"),
        data=csv_bytes(rows, OUT_COLUMNS, excel=True),
        file_name=f"{stem}-besked.csv",
        mime="text/csv",
        key="batch_dl_csv",
        icon=":material/table:",
        on_click=_record,
        args=(history, "csv", [(ids[int(str(r["row"]))], str(r["text"])) for r in rows if r.get("text")]),
    )
    right.download_button(
        t("batch_download_zip"),
        data=eml_zip(items, not_before),
        file_name=f"{stem}-besked.zip",
        mime="application/zip",
        key="batch_dl_zip",
        icon=":material/folder_zip:",
        on_click=_record,
        args=(history, "eml", [(ids[i.row], i.text) for i in items if i.request.channel == "email"]),
    )


def render_review(history: History, round_id: int, rows: list[BatchRow], settings: Settings, profile: str) -> None:
    """Draw the review of a drafted round: table, one row in full, exports."""
    drafts = history.round_drafts(round_id)
    if not drafts:
        return
    st.subheader(t("batch_review"), anchor=False)
    st.caption(t("batch_review_help"))
    _editable_table(history, drafts, settings)
    _row_panel(history, round_id, drafts, rows, settings, profile)
    _exports(history, round_id, history.round_drafts(round_id), settings)
