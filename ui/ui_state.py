"""Session state of the draft page: form values, the cached drafter, per-channel drafts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from drafter.config import Settings, load_settings
from drafter.models import DraftRequest, DraftResult, parse_request
from guardrails.report import GuardrailReport

if TYPE_CHECKING:
    from drafter.pipeline import Drafter

CHANNELS = ("email", "phone")
DRAFTER_KEY = "drafter"  # tests put a ready Drafter here before the first run
PROFILE_KEY = "profile"
TAB_KEY = "channel_tab"

# Form widget keys by DraftRequest field; the values outlive reruns and page switches.
FORM_FIELDS = (
    "candidate_name",
    "role",
    "company",
    "recruiter_name",
    "language",
    "tone",
    "highlights",
    "reason",
    "feedback_on",
    "feedback",
    "chosen_candidate_name",
    "internal_notes",
)
REQUIRED = ("candidate_name", "role", "company", "recruiter_name")
FORM_DEFAULTS: dict[str, Any] = {"language": "sv", "tone": "warm", "feedback_on": False}


def form_key(field: str) -> str:
    """Return the session key of a form field's widget."""
    return f"f_{field}"


def edit_key(channel: str) -> str:
    """Return the session key of a channel's editable draft."""
    return f"edit_{channel}"


def override_key(channel: str) -> str:
    """Return the session key of a channel's export-override checkbox."""
    return f"override_{channel}"


def result_key(channel: str) -> str:
    """Return the session key holding a channel's `DraftResult`."""
    return f"result_{channel}"


def checked_key(channel: str) -> str:
    """Return the session key holding (text, report) of the last check for a channel."""
    return f"checked_{channel}"


def widget_keys() -> list[str]:
    """Return every widget key whose value must survive page switches."""
    keys = [form_key(f) for f in FORM_FIELDS] + [PROFILE_KEY, TAB_KEY]
    for channel in CHANNELS:
        keys += [edit_key(channel), override_key(channel)]
    return keys


def keep_widget_state() -> None:
    """Re-own widget values so Streamlit does not drop them when another page is shown."""
    for key in widget_keys():
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def init_form_defaults() -> None:
    """Give every form widget its starting value once per session."""
    for field in FORM_FIELDS:
        st.session_state.setdefault(form_key(field), FORM_DEFAULTS.get(field, ""))


def form_value(field: str) -> Any:
    """Return the committed value of a form field."""
    return st.session_state.get(form_key(field), FORM_DEFAULTS.get(field, ""))


def missing_required() -> list[str]:
    """Return the required fields left empty (whitespace counts as empty)."""
    return [f for f in REQUIRED if not str(form_value(f) or "").strip()]


def request_data(channel: str) -> dict[str, Any]:
    """Return the form's values as DraftRequest fields for one channel."""
    data = {f: form_value(f) for f in FORM_FIELDS if f not in {"feedback_on", "feedback"}}
    data["feedback"] = form_value("feedback") if form_value("feedback_on") else None
    data["channel"] = channel
    return data


def build_request(channel: str) -> DraftRequest:
    """Validate the form into a request, or raise `InputError` in one sentence."""
    return parse_request(request_data(channel))


def get_settings() -> Settings:
    """Return the configuration (DRAFTER_CONFIG, ./drafter.toml or the shipped one); may raise ConfigError."""
    injected = st.session_state.get(DRAFTER_KEY)
    if injected is not None:
        settings: Settings = injected.settings
        return settings
    return load_settings()


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_drafter(profile: str, config_path: str) -> Drafter:
    """Build a drafter once per profile and config: loading a local model takes seconds."""
    from drafter.pipeline import Drafter

    drafter = Drafter.from_config(profile, config=config_path or None)
    _ = drafter.client  # load the model now, under the loading spinner, not during the first draft
    return drafter


def injected_drafter() -> Drafter | None:
    """Return the drafter a test or embedding app put into the session, if any."""
    return st.session_state.get(DRAFTER_KEY)


def get_drafter(profile: str, settings: Settings) -> Drafter:
    """Return the injected drafter or the cached one for `profile`; may raise DrafterError."""
    injected = injected_drafter()
    if injected is not None:
        return injected
    return _cached_drafter(profile, settings.config_path)


def check_text(text: str, request: DraftRequest, settings: Settings) -> GuardrailReport:
    """Check a text against every rule with the configured bounds, without loading a model."""
    injected = injected_drafter()
    if injected is not None:
        return injected.check(text, request)
    from guardrails import check

    return check(text, request, settings.guardrails)


def store_result(channel: str, result: DraftResult) -> None:
    """Make a fresh draft the editable text of its channel."""
    st.session_state[result_key(channel)] = result
    st.session_state[edit_key(channel)] = result.text
    st.session_state[checked_key(channel)] = (result.text, result.report)
    st.session_state[override_key(channel)] = False


def get_result(channel: str) -> DraftResult | None:
    """Return the last draft of a channel, if any."""
    return st.session_state.get(result_key(channel))


def current_report(channel: str, settings: Settings) -> tuple[str, GuardrailReport] | None:
    """Return the channel's current (possibly edited) text with its report, checking it if it changed."""
    result = get_result(channel)
    if result is None:
        return None
    text = str(st.session_state.get(edit_key(channel), result.text))
    cached = st.session_state.get(checked_key(channel))
    if cached and cached[0] == text:
        return text, cached[1]
    report = check_text(text, result.request, settings)
    st.session_state[checked_key(channel)] = (text, report)
    return text, report
