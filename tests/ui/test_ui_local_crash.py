"""AppTest: the local model's worker crashing mid-draft shows one sentence and keeps the form."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from ui_test_support import APP, FORM, fill_form, submit

from drafter.config import Settings
from drafter.pipeline import Drafter
from drafter.providers import llama_cpp

pytestmark = pytest.mark.slow


def _app(drafter: Drafter) -> AppTest:
    # The real model under a loaded machine: a longer script timeout than the fake-model pages need.
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.session_state["drafter"] = drafter
    return at.run()


def test_worker_crash_mid_draft_shows_the_safe_draft_says_why_and_keeps_the_form(settings: Settings) -> None:
    profile = settings.profile("local").model_copy(update={"n_ctx": 3584})
    client = llama_cpp.build(profile, fault="segv:5")  # a real worker that dies of SIGSEGV mid-generation
    try:
        at = _app(Drafter(settings, profile, client=client))
        fill_form(at)
        submit(at)
        assert not at.exception
        assert not at.error
        assert any("stannade oväntat och har startats om" in w.value for w in at.warning)
        captions = "\n".join(c.value for c in at.caption)
        assert "The local model stopped unexpectedly" in captions and "restarted" in captions
        for field, value in FORM.items():
            widget = (
                at.text_area(key=f"f_{field}") if field in {"highlights", "reason"} else at.text_input(key=f"f_{field}")
            )
            assert widget.value == value, field
        result = at.session_state["result_email"]
        assert result.fallback_reason == "model_stopped" and result.report.passed
    finally:
        assert isinstance(client.model, llama_cpp.LlamaCppCompletion)
        client.model.worker.close()


def test_about_panel_shows_the_doctor_facts_on_request(settings: Settings) -> None:
    at = _app(Drafter.with_fake(["unused"], settings=settings))
    assert not any("llama.cpp" in m.value for m in at.markdown)  # nothing starts a model until asked
    at.button(key="about_check").click()
    at.run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    for name in ("model file", "sha256", "llama.cpp", "cpu", "smoke"):
        assert f"**{name}**" in shown, name
    assert "AVX2 = 1" in shown and "AMX" not in shown
    assert at.success and "fungerar" in at.success[-1].value
