"""Draft page: fill in the request, stream a draft, see what was checked, edit, export."""

from __future__ import annotations

import streamlit as st
from about_panel import render_about
from batch_state import remember_edit, remember_export, remember_single
from draft_form import render_form
from model_picker import select_model
from streamlit.delta_generator import DeltaGenerator
from ui_export import render_export
from ui_report import escape_markdown, render_history, render_panel
from ui_state import (
    CHANNELS,
    TAB_KEY,
    build_request,
    checked_key,
    current_report,
    edit_key,
    get_drafter,
    get_result,
    get_settings,
    missing_required,
    override_key,
    store_result,
)
from ui_text import LANGUAGES, load_strings, t

from drafter.config import Settings
from drafter.errors import DrafterError
from drafter.models import DraftRequest
from drafter.privacy.drafting import stream_private


def _tab_labels() -> list[str]:
    return [t(f"tab_{channel}") for channel in CHANNELS]


def active_channel() -> str:
    """Return the channel of the selected tab, translating a label left over from the other language."""
    label = st.session_state.get(TAB_KEY)
    for lang in LANGUAGES:
        for channel in CHANNELS:
            if label == t(f"tab_{channel}", lang=lang):
                st.session_state[TAB_KEY] = t(f"tab_{channel}")
                return channel
    return CHANNELS[0]


def generate(channel: str, request: DraftRequest, profile: str, settings: Settings) -> None:
    """Stream a draft into a status box, then store the checked result; show one message on failure."""
    try:
        with st.spinner(t("model_loading", name=profile)):
            drafter = get_drafter(profile, settings)
    except DrafterError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    status = st.status(t("status_writing"), expanded=True)
    try:
        with status:
            # A rerun can interrupt the stream; closing it frees the model for the next draft.
            with stream_private(drafter, request) as stream:
                # Model text is shown as plain text: Markdown in it must not format or link.
                st.write_stream(escape_markdown(chunk) for chunk in stream)
            status.update(label=t("status_checking", n=len(_rules())))
            result = stream.result
    except DrafterError as exc:
        status.update(label=t("status_failed"), state="error", expanded=False)
        st.error(str(exc), icon=":material/error:")
        return
    if result is None:  # the pipeline sets it when the stream ends; guard against a broken one
        status.update(label=t("status_failed"), state="error", expanded=False)
        return
    status.update(
        label=t("status_done", seconds=f"{result.latency_s:.1f}", attempts=len(result.attempts)),
        state="complete",
        expanded=False,
    )
    store_result(channel, result)
    st.session_state[f"history_id_{channel}"] = remember_single(result, settings)


def _rules() -> dict[str, object]:
    from guardrails import RULES

    return dict(RULES)


def fallback_note(reason: str | None) -> str:
    """Return the interface sentence saying why the safe template wrote the draft."""
    if reason in (None, "guardrails"):
        return t("fallback_used")
    key = f"fallback_{reason}"
    return t(key) if key in load_strings()["en"] else t("fallback_provider")


def _on_edit(channel: str, settings: Settings) -> None:
    """Re-check an edited draft at once, and drop an override given for the old text."""
    st.session_state[checked_key(channel)] = None
    st.session_state[override_key(channel)] = False
    checked = current_report(channel, settings)
    if checked is not None:
        remember_edit(st.session_state.get(f"history_id_{channel}"), *checked, settings)


def render_channel(channel: str, settings: Settings) -> None:
    """Show a channel's draft: editor, notes on how it was made, checks and export."""
    result = get_result(channel)
    if result is None:
        st.info(t(f"empty_{channel}"), icon=":material/edit_note:")
        return
    first = result.attempts[0] if result.attempts else None
    if result.fallback_used:
        st.warning(fallback_note(result.fallback_reason), icon=":material/health_and_safety:")
        if result.fallback_message and result.fallback_reason not in (None, "guardrails"):
            st.caption(escape_markdown(result.fallback_message))
    elif first is not None and not first.report.passed:
        st.info(t("first_attempt_replaced"), icon=":material/autorenew:")
    if result.usage.retries:
        reasons = ", ".join(t("reason_" + r) for r in dict.fromkeys(result.usage.retries))
        st.caption(":material/replay: " + t("retried", n=len(result.usage.retries), reasons=reasons))
    st.caption(
        t(
            "draft_meta",
            model=result.model,
            prompt=result.prompt_version or "-",
            seconds=f"{result.latency_s:.1f}",
        )
    )
    st.text_area(
        t("draft_label"),
        key=edit_key(channel),
        height=320,
        on_change=_on_edit,
        args=(channel, settings),
    )
    checked = current_report(channel, settings)
    if checked is None:
        return
    text, report = checked
    if text != result.text:
        st.caption(":material/edit: " + t("edited_note"))
    render_panel(text, report)
    render_history(result)
    draft_id = st.session_state.get(f"history_id_{channel}")
    render_export(
        channel,
        text,
        result.request,
        report,
        on_export=lambda kind, exported: remember_export(draft_id, kind, exported, settings),
    )


def _regenerate_button(channel: str) -> bool:
    """Offer to draft this channel from the last request used for the other channel."""
    others = [c for c in CHANNELS if c != channel and get_result(c) is not None]
    if not others:
        return False
    label = t(f"regenerate_{channel}")
    return st.button(label, key=f"regen_{channel}", icon=":material/refresh:", type="secondary")


def main() -> None:
    """Draw the draft page."""
    try:
        settings = get_settings()
    except DrafterError as exc:
        st.error(t("config_error_title") + " " + str(exc), icon=":material/error:")
        st.stop()
    profile = select_model(settings)
    render_about(settings, profile)
    st.title(":material/mail: " + t("app_title"), anchor=False)
    st.caption(t("tagline"))

    channel = active_channel()
    form_col, draft_col = st.columns([5, 7], gap="large")
    with form_col:
        submitted = render_form(channel)
        form_errors = form_col.container()
    with draft_col:
        tabs = st.tabs(_tab_labels(), key=TAB_KEY, on_change="rerun")
        for tab_channel, tab in zip(CHANNELS, tabs, strict=True):
            with tab:
                wanted = (submitted and tab_channel == channel) or _regenerate_button(tab_channel)
                if wanted:
                    request = _validated_request(tab_channel, form_errors)
                    if request is not None:
                        generate(tab_channel, request, profile, settings)
                render_channel(tab_channel, settings)


def _validated_request(channel: str, errors: DeltaGenerator) -> DraftRequest | None:
    """Return the form as a request, or show one message next to the form and return None."""
    missing = missing_required()
    if missing:
        errors.error(t("required_missing", fields=", ".join(t(f) for f in missing)), icon=":material/front_hand:")
        return None
    try:
        return build_request(channel)
    except DrafterError as exc:
        errors.error(str(exc), icon=":material/front_hand:")
        return None


main()
