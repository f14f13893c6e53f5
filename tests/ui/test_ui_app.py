"""AppTest tests of the draft page: validation, a fake draft, re-checked edits, errors, language."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from ui_test_support import APP, FORM, GOOD_SV, DownDrafter, fill_form, submit

from drafter.config import Settings
from drafter.errors import InputError
from drafter.models import MAX_SHORT
from guardrails import RULES


def _downloads(at: AppTest) -> dict[str, bool]:
    """Return download button label -> disabled."""
    return {b.label: bool(b.proto.disabled) for b in at.download_button}


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_empty_candidate_name_shows_error_and_generates_nothing(make_app: Callable[..., AppTest]) -> None:
    at = make_app()
    fill_form(at, {**FORM, "candidate_name": "   "})
    submit(at)
    assert not at.exception
    assert len(at.error) == 1
    assert "Kandidatens namn" in at.error[0].value
    assert "result_email" not in at.session_state
    assert not at.download_button


def test_fake_draft_appears_checked_and_exportable(make_app: Callable[..., AppTest]) -> None:
    at = make_app()
    fill_form(at)
    submit(at)
    assert not at.exception
    assert not at.error
    assert at.text_area(key="edit_email").value == GOOD_SV
    result = at.session_state["result_email"]
    assert result.request.channel == "email"
    assert result.report.passed
    assert "Klarar alla spärrande regler" in at.success[0].value
    listing = _markdown(at)
    for rule in RULES:
        assert f"`{rule}`" in listing, rule
    assert _downloads(at) == {"Ladda ner .txt": False, "Ladda ner .eml": False}
    assert at.code[0].value == GOOD_SV  # the copy block holds the exact text
    assert at.status[0].label.startswith("Klart")


@pytest.mark.parametrize(
    ("addition", "rule"),
    [
        ("\nDu är för gammal för vårt team.", "protected_ground"),
        ("\nRing mig på [TELEFONNUMMER].", "placeholder"),
    ],
)
def test_violating_edit_disables_export_and_marks_the_span(
    make_app: Callable[..., AppTest], addition: str, rule: str
) -> None:
    at = make_app()
    fill_form(at)
    submit(at)
    at.text_area(key="edit_email").set_value(GOOD_SV + addition).run()
    assert not at.exception
    report = at.session_state["checked_email"][1]
    assert rule in {v.rule for v in report.blocking}
    assert all(_downloads(at)[label] for label in ("Ladda ner .txt", "Ladda ner .eml"))
    assert not at.code  # no copy block while blocked
    assert any(rule in e.value or "Spärrad" in e.value for e in at.error)
    assert f"`{rule}`" in _markdown(at)
    marked = "".join(h.proto.body for h in at.html)
    assert f'data-rule="{rule}"' in marked and "<mark" in marked


def test_override_enables_export_and_logs_rule_ids_only(
    make_app: Callable[..., AppTest], caplog: pytest.LogCaptureFixture
) -> None:
    at = make_app()
    fill_form(at)
    submit(at)
    bad = GOOD_SV + "\nDu är för gammal för vårt team."
    at.text_area(key="edit_email").set_value(bad).run()
    with caplog.at_level(logging.WARNING, logger="besked.ui"):
        at.checkbox(key="override_email").check().run()
    assert not any(_downloads(at).values())
    assert at.code[0].value == bad
    records = [r.getMessage() for r in caplog.records if r.name == "besked.ui"]
    assert len(records) == 1
    assert "protected_ground" in records[0]
    assert "gammal" not in records[0] and "Anna" not in records[0]
    # A new edit drops the override: the recruiter confirms again for the new text.
    at.text_area(key="edit_email").set_value(bad + " Och för ung.").run()
    assert at.checkbox(key="override_email").value is False
    assert all(_downloads(at).values())


def test_provider_error_shows_one_message_and_keeps_the_form(
    make_app: Callable[..., AppTest], settings: Settings
) -> None:
    at = make_app(drafter=DownDrafter(settings, settings.profile("fake")))
    fill_form(at)
    submit(at)
    assert not at.exception
    assert [e.value for e in at.error] == ["The model server at http://127.0.0.1:9 is not reachable."]
    assert at.text_input(key="f_candidate_name").value == "Anna"
    assert at.text_area(key="f_highlights").value == FORM["highlights"]
    assert "result_email" not in at.session_state
    # Nothing typed is lost on the next rerun either.
    at.run()
    assert at.text_input(key="f_company").value == "Nordvik Energi"


def test_language_switch_changes_interface_strings(make_app: Callable[..., AppTest]) -> None:
    at = make_app()
    assert at.text_input(key="f_candidate_name").label == "Kandidatens namn *"
    fill_form(at)
    submit(at)
    at.radio(key="ui_lang").set_value("en").run()
    assert at.text_input(key="f_candidate_name").label == "Candidate's name *"
    assert at.button(key="generate").label == "Write email"
    assert [t.label for t in at.tabs] == [":material/mail: Email", ":material/call: Phone call"]
    # Typed values and the draft survive the switch.
    assert at.text_input(key="f_role").value == "projektledare"
    assert at.text_area(key="edit_email").value == GOOD_SV
    assert "Passes every blocking rule" in at.success[0].value


def test_phone_tab_drafts_a_call_script_from_the_same_request(make_app: Callable[..., AppTest]) -> None:
    at = make_app()
    fill_form(at)
    submit(at)
    at.session_state["channel_tab"] = ":material/call: Telefonsamtal"
    at.run()
    assert at.button(key="generate").label == "Skriv samtalsmanus"
    submit(at)
    assert not at.exception
    phone = at.session_state["result_phone"]
    email = at.session_state["result_email"]
    assert phone.request.channel == "phone"
    assert phone.request.model_dump(exclude={"channel"}) == email.request.model_dump(exclude={"channel"})
    # A phone script has no .eml download.
    assert "Ladda ner .eml" not in [b.label for b in at.download_button][-1:]


def test_model_selector_lists_profiles_with_default_preselected(settings: Settings) -> None:

    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    box = at.selectbox(key="profile")
    assert box.options == settings.profile_names()
    assert box.value == settings.active_profile


def test_private_fields_never_reach_the_prompt(make_app: Callable[..., AppTest]) -> None:
    at = make_app()
    fill_form(at)
    at.text_input(key="f_chosen_candidate_name").set_value("Per Olsson")
    at.text_area(key="f_internal_notes").set_value("Lägre poäng på case")
    submit(at)
    request = at.session_state["result_email"].request
    assert request.chosen_candidate_name == "Per Olsson"
    assert request.internal_notes == "Lägre poäng på case"
    assert "Per Olsson" not in request.prompt_fields().values()


def test_rules_page_lists_every_rule_in_the_chosen_language(make_app: Callable[..., AppTest]) -> None:
    at = make_app()
    at.switch_page(str(APP.parent / "rules_page.py")).run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert set(shown.iloc[:, 0]) == set(RULES)
    assert at.title[0].value.endswith("Vad Besked kontrollerar")
    at.radio(key="ui_lang").set_value("en").run()
    assert at.title[0].value.endswith("What Besked checks")


def test_bad_config_shows_one_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "drafter.toml"
    bad.write_text('default_profile = "nowhere"\n', encoding="utf-8")
    monkeypatch.setenv("DRAFTER_CONFIG", str(bad))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1
    assert "nowhere" in at.error[0].value
    assert not at.text_input  # the page stops before the form


def test_too_long_input_is_capped_and_input_errors_are_one_message(
    make_app: Callable[..., AppTest], settings: Settings
) -> None:
    drafter = DownDrafter(settings, settings.profile("fake"))
    drafter.error = InputError("The request is too long for the model's context window.")
    at = make_app(drafter=drafter)
    fill_form(at, {**FORM, "role": "x" * (MAX_SHORT + 100)})
    submit(at)
    assert not at.exception
    assert at.text_input(key="f_role").value == "x" * MAX_SHORT  # the form caps text at the model's limits
    assert [e.value for e in at.error] == ["The request is too long for the model's context window."]
    assert "result_email" not in at.session_state
