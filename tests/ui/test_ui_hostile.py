"""The hostile-input corpus and injected faults through the draft page (AppTest)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))

from corpus import Case, draft_problems, load_corpus, parrot_letter
from ui_test_support import FORM, fill_form, submit

from drafter.config import Profile, Settings
from drafter.models import MAX_NAME, MAX_NOTES, MAX_SHORT, MAX_TEXT, parse_request
from drafter.pipeline import Drafter
from drafter.testing.stub_openai import Reply, StubOpenAI

TEXT_INPUTS = {"candidate_name": MAX_NAME, "role": MAX_SHORT, "company": MAX_SHORT, "recruiter_name": MAX_NAME,
               "chosen_candidate_name": MAX_NAME}  # fmt: skip
TEXT_AREAS = {"highlights": MAX_TEXT, "reason": MAX_TEXT, "feedback": MAX_TEXT, "internal_notes": MAX_NOTES}
UI_LABELS = {"candidate_name": ("Kandidatens namn", "Candidate's name"), "role": ("Tjänst", "Role")}


def _fits_the_form(case: Case) -> bool:
    """Return True when the form's widgets can carry the case (strings within their limits, known options)."""
    limits = {**TEXT_INPUTS, **TEXT_AREAS}
    for field, value in case.request.items():
        if field in limits:
            if not isinstance(value, str) or len(value) > limits[field]:
                return False
        elif field in ("language", "tone", "channel"):
            if value not in ("sv", "en", "warm", "formal", "email", "phone"):  # the form offers only these
                return False
        else:
            return False
    return case.ui


CASES = [c for c in load_corpus() if _fits_the_form(c)]


def _fill(at: AppTest, request: dict[str, object]) -> None:
    for field in TEXT_INPUTS:
        at.text_input(key=f"f_{field}").set_value(str(request.get(field) or ""))
    for field in TEXT_AREAS:
        at.text_area(key=f"f_{field}").set_value(str(request.get(field) or ""))
    at.selectbox(key="f_language").set_value(request.get("language", "sv"))
    at.selectbox(key="f_tone").set_value(request.get("tone", "warm"))
    at.toggle(key="f_feedback_on").set_value(bool(request.get("feedback")))


def _drafter(case: Case, settings: Settings) -> Drafter:
    """Return a drafter whose model obediently quotes whatever the prompt showed it."""
    request = dict(case.request, channel="email")
    try:
        fields = parse_request(request).prompt_fields()
    except Exception:  # an error case: the model is never called
        fields = {**FORM, "feedback": ""}
    return Drafter.with_fake([parrot_letter(fields, str(request.get("language", "sv")))], settings=settings)


def test_the_form_carries_most_of_the_corpus() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input_in_the_form(case: Case, make_app: Callable[..., AppTest], settings: Settings) -> None:
    at = make_app(drafter=_drafter(case, settings))
    _fill(at, case.request)
    submit(at)
    assert not at.exception
    if case.wants_error:
        assert len(at.error) == 1, [e.value for e in at.error]
        message = at.error[0].value
        field = case.expect["field"]
        assert "\n" not in message.strip()
        assert field in message or any(label in message for label in UI_LABELS.get(field, ())), message
        assert "result_email" not in at.session_state
    else:
        assert not at.error, [e.value for e in at.error]
        result = at.session_state["result_email"]
        text = at.text_area(key="edit_email").value
        assert text == result.text
        problems = draft_problems(case, text, result.report.passed)
        assert not problems, (problems, text)


def _stub_drafter(settings: Settings, stub: StubOpenAI) -> Drafter:
    profile = Profile(
        name="stub",
        provider="openai-compatible",
        base_url=stub.base_url,
        model="m",
        timeout_s=1,
        max_retries=1,
        pseudonymize=False,  # the stub's fixed letter carries the real names
    )
    return Drafter(settings, profile)


def test_a_failing_server_shows_the_safe_draft_and_says_why(
    make_app: Callable[..., AppTest], settings: Settings
) -> None:
    with StubOpenAI(lambda _: Reply(fault="500")) as stub:
        at = make_app(drafter=_stub_drafter(settings, stub))
        fill_form(at)
        submit(at)
    assert not at.exception and not at.error
    result = at.session_state["result_email"]
    assert result.fallback_used and result.fallback_reason == "server_error"
    assert any("Modellservern svarade med ett fel" in w.value for w in at.warning)
    assert any("answered HTTP 500" in c.value for c in at.caption)
    assert "misslyckades (serverfel (5xx))" in "\n".join(m.value for m in at.markdown)
    assert at.text_area(key="edit_email").value == result.text


def test_a_retried_call_says_it_was_retried(make_app: Callable[..., AppTest], settings: Settings) -> None:
    from ui_test_support import GOOD_SV

    with StubOpenAI([Reply(fault="429", retry_after_s=0.1)], default=GOOD_SV) as stub:
        at = make_app(drafter=_stub_drafter(settings, stub))
        fill_form(at)
        submit(at)
    assert not at.exception
    result = at.session_state["result_email"]
    assert not result.fallback_used and result.usage.retries == ["rate_limited"]
    assert any("gjordes om 1 gång(er): för många förfrågningar (429)" in c.value for c in at.caption)
