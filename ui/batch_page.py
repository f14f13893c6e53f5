"""Batch page: upload a round (CSV or .xlsx), map the columns, see every row error, draft all, review, export."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from batch_review import render_review
from batch_state import ROUND_KEY, ROWS_KEY, format_eta, get_history, purge_daily, read_upload
from model_picker import select_model
from ui_state import get_drafter, get_settings, injected_drafter
from ui_text import t

from drafter.batch.columns import EMAIL, FIELDS, REQUIRED, guess_field, map_columns
from drafter.batch.reading import Table
from drafter.batch.validation import Validated, validate_table
from drafter.config import Settings
from drafter.errors import DrafterError


def _field_label(field: str) -> str:
    if field == EMAIL:
        return t("batch_field_email")
    label = t(field)
    return label if label != field else field


def _mapping(table: Table) -> tuple[dict[str, str], dict[str, str]]:
    """Draw the column mapping; return (explicit {column: field}, defaults {field: value})."""
    none = t("batch_no_column")
    options = [none, *table.header]
    guessed: dict[str, str] = {}
    for column in table.header:
        field = guess_field(column)
        if field and field not in guessed:
            guessed[field] = column
    chosen: dict[str, str] = {}
    defaults: dict[str, str] = {}
    with st.expander(t("batch_mapping"), expanded=any(f not in guessed for f in REQUIRED)):
        st.caption(t("batch_mapping_help"))
        cols = st.columns(3)
        for i, field in enumerate(FIELDS):
            default = guessed.get(field)
            column = cols[i % 3].selectbox(
                _field_label(field),
                options=options,
                index=options.index(default) if default in options else 0,
                key=f"map_{field}",
            )
            if column != none:
                chosen[field] = column
            elif field in REQUIRED:
                value = cols[i % 3].text_input(t("batch_default_value", field=_field_label(field)), key=f"set_{field}")
                if value.strip():
                    defaults[field] = value.strip()
    explicit = {column: field for field, column in chosen.items()}
    explicit |= {column: "-" for column in table.header if column and column not in explicit}
    return explicit, defaults


def _show_validation(validated: Validated) -> None:
    st.caption(
        t("batch_valid", ok=len(validated.to_draft), dups=len(validated.duplicates), bad=len(validated.error_rows))
    )
    if validated.errors:
        st.error(t("batch_errors_title"), icon=":material/rule:")
        st.dataframe(
            [
                {t("batch_col_row"): e.row, t("batch_col_column"): e.column, t("batch_col_reason"): e.reason}
                for e in validated.errors
            ],
            hide_index=True,
            width="stretch",
        )
    for dup in validated.duplicates:
        st.info(t("batch_duplicate", row=dup.row, of=dup.duplicate_of, reason=dup.duplicate_reason))


def _privacy_note(settings: Settings, profile: str) -> None:
    chosen = settings.profile(profile) if profile in settings.profiles else None
    injected = injected_drafter()
    if injected is not None:
        chosen = injected.profile
    if chosen is None:
        return
    if settings.pseudonymizes(chosen):
        st.info(t("batch_pseudonymized", name=chosen.name), icon=":material/shield_person:")
    elif chosen.remote:
        st.warning(t("batch_not_pseudonymized", name=chosen.name), icon=":material/visibility:")
    else:
        st.caption(":material/computer: " + t("batch_local", name=chosen.name))


def _run(validated: Validated, settings: Settings, profile: str, name: str, not_before: dt.date | None, n: int) -> None:
    from drafter.batch.runner import BatchRunner, Progress, round_key

    try:
        drafter = get_drafter(profile, settings)
        history = get_history(settings)
        round_ = history.start_round(
            round_key(validated.rows, drafter.profile_name),
            name=name,
            profile=drafter.profile_name,
            source=name,
            rows_total=validated.total,
            not_before=not_before,
        )
        bar = st.progress(0.0, text=t("batch_progress_start"))

        def update(p: Progress) -> None:
            fraction = p.done / p.total if p.total else 1.0
            eta = format_eta(p.eta_s)
            bar.progress(fraction, text=t("batch_progress", done=p.done, total=p.total, failed=p.failed, eta=eta))

        summary = BatchRunner(drafter, history, concurrency=n, seed=drafter.profile.seed).run(
            round_.id, validated.rows, update
        )
    except DrafterError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    st.session_state[ROUND_KEY] = round_.id
    st.session_state[ROWS_KEY] = validated.rows
    st.success(
        t(
            "batch_done",
            drafted=summary.drafted,
            resumed=summary.resumed,
            failed=summary.failed,
            dups=summary.duplicates,
        )
    )


def main() -> None:
    """Draw the batch page."""
    try:
        settings = get_settings()
        purge_daily(get_history(settings))
    except DrafterError as exc:
        st.error(t("config_error_title") + " " + str(exc), icon=":material/error:")
        st.stop()
    profile = select_model(settings, privacy_note=False)
    st.title(":material/groups: " + t("batch_title"), anchor=False)
    st.caption(t("batch_intro"))
    upload = st.file_uploader(t("batch_upload"), type=["csv", "txt", "xlsx"], key="batch_upload")
    if upload is None:
        return
    try:
        table = read_upload(upload.name, upload.getvalue())
        explicit, defaults = _mapping(table)
        mapping = map_columns(table.header, explicit, defaults)
    except DrafterError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    delimiter = f", '{table.delimiter}'" if table.delimiter else ""
    st.caption(t("batch_read_info", rows=len(table.rows), encoding=table.encoding, delimiter=delimiter,
                 skipped=table.skipped_empty))  # fmt: skip
    validated = validate_table(table, mapping, defaults)
    _show_validation(validated)
    left, mid, right = st.columns([3, 2, 2])
    name = left.text_input(t("batch_round_name"), value=upload.name, key="batch_round_name")
    not_before = None
    if mid.checkbox(t("batch_not_before_on"), key="batch_not_before_on"):
        not_before = mid.date_input(t("batch_not_before"), key="batch_not_before", min_value=dt.date.today())
    concurrency = int(right.number_input(t("batch_concurrency"), 1, 32, 4, key="batch_concurrency"))
    _privacy_note(settings, profile)
    if st.button(t("batch_run"), type="primary", icon=":material/play_arrow:", key="batch_run",
                 disabled=not validated.to_draft):  # fmt: skip
        _run(validated, settings, profile, name, not_before if isinstance(not_before, dt.date) else None, concurrency)
    round_id = st.session_state.get(ROUND_KEY)
    if round_id is not None:
        render_review(get_history(settings), int(round_id), st.session_state.get(ROWS_KEY) or [], settings, profile)


main()
