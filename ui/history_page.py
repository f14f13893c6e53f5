"""History page: search and filter every stored draft, reopen one (edit, re-check), forget a candidate,
download an access-request export."""

from __future__ import annotations

import json

import streamlit as st
from batch_state import get_history, purge_daily
from ui_state import check_text, get_settings
from ui_text import t

from drafter.errors import DrafterError
from drafter.store.history import STATUSES, History
from drafter.store.privacy import access_export, forget
from drafter.store.records import DraftRecord


def _filters(history: History) -> tuple[str, int | None, str | None]:
    rounds = history.rounds()
    names = {r.id: f"{r.name} ({r.created_at:%Y-%m-%d})" for r in rounds}
    query_col, round_col, status_col = st.columns([3, 2, 1])
    query = query_col.text_input(t("history_search"), key="history_query")
    round_id = round_col.selectbox(
        t("history_round"),
        options=[None, *names],
        format_func=lambda r: t("history_all_rounds") if r is None else names[r],
        key="history_round",
    )
    status = status_col.selectbox(
        t("history_status"),
        options=[None, *STATUSES],
        format_func=lambda s: t("history_all_statuses") if s is None else t(f"row_status_{s}"),
        key="history_status",
    )
    return query, round_id, status


def _overview(d: DraftRecord) -> dict[str, object]:
    return {
        t("batch_col_row"): d.row,
        t("batch_col_name"): d.candidate_name,
        t("batch_field_email"): d.candidate_email or "",
        t("role"): d.role,
        t("company"): d.company,
        t("batch_col_status"): t(f"row_status_{d.status}"),
        t("history_round"): d.round_id,
        t("history_updated"): f"{d.updated_at:%Y-%m-%d %H:%M}",
    }


def _reopen(history: History, record: DraftRecord) -> None:
    settings = get_settings()
    st.caption(
        t(
            "history_draft_meta",
            round=record.round_id,
            row=record.row,
            status=t(f"row_status_{record.status}"),
            model=record.model or "-",
        )
    )
    if record.error:
        st.warning(record.error, icon=":material/warning:")
    if record.text is None:
        return
    key = f"history_text_{record.id}_{record.updated_at.timestamp()}"
    text = st.text_area(t("history_text"), value=record.text, height=300, key=key)
    report = record.report
    if text != record.text and st.button(t("history_save"), key="history_save", icon=":material/save:"):
        report = check_text(text, record.request, settings)
        history.record_edit(record.id, text, report)
        st.success(t("history_saved"))
    if report is not None:
        if report.passed:
            st.success(t("panel_passed"), icon=":material/check_circle:")
        else:
            st.error(t("panel_blocked", n=len(report.blocking)), icon=":material/block:")
        for v in report.violations:
            st.markdown(f"- `{v.rule}` ({t('result_' + v.severity)}): {v.message}")
    st.caption(t("history_edits", n=len(history.edits(record.id)), exports=history.export_count(record.id)))


def _privacy(history: History) -> None:
    st.subheader(t("privacy_title"), anchor=False)
    left, right = st.columns(2)
    who = left.text_input(t("forget_label"), key="forget_who")
    sure = left.checkbox(t("forget_confirm"), key="forget_sure")
    if left.button(t("forget_button"), key="forget_button", disabled=not (who.strip() and sure), type="primary"):
        counts = forget(history, who)
        left.success(t("forget_done", drafts=counts.drafts, edits=counts.edits, exports=counts.exports))
    subject = right.text_input(t("access_label"), key="access_who")
    if subject.strip():
        data = json.dumps(access_export(history, subject), ensure_ascii=False, indent=2)
        right.download_button(
            t("access_button"),
            data=data.encode("utf-8"),
            file_name="registerutdrag.json",
            mime="application/json",
            key="access_download",
            on_click="ignore",
            icon=":material/download:",
        )


def main() -> None:
    """Draw the history page."""
    try:
        settings = get_settings()
        history = get_history(settings)
        purge_daily(history)
    except DrafterError as exc:
        st.error(t("batch_history_error", error=str(exc)), icon=":material/error:")
        st.stop()
    st.title(":material/history: " + t("history_page_title"), anchor=False)
    st.caption(t("history_intro", days=settings.store.retention_days))
    query, round_id, status = _filters(history)
    found = history.search(query, round_id, status)
    if not found:
        st.info(t("history_none"))
    else:
        st.caption(t("history_found", n=len(found)))
        st.dataframe([_overview(d) for d in found], hide_index=True, width="stretch")
        by_id = {d.id: d for d in found}
        chosen = st.selectbox(
            t("history_open"),
            options=list(by_id),
            format_func=lambda i: f"{by_id[i].candidate_name} · {by_id[i].role} · {t(f'row_status_{by_id[i].status}')}",
            key="history_open",
        )
        if chosen is not None:
            _reopen(history, by_id[chosen])
    _privacy(history)


main()
