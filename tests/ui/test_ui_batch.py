"""AppTest tests of the Batch and History pages: upload, mapping, row errors, run, review, edit, export, privacy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from drafter.config import Settings
from drafter.pipeline import Drafter
from drafter.store import open_history
from drafter.store.privacy import access_export

ROOT = Path(__file__).resolve().parents[2]
BATCH = ROOT / "ui" / "batch_page.py"
HISTORY = ROOT / "ui" / "history_page.py"
DATA = ROOT / "tests" / "batch" / "data"


def _page(path: Path, settings: Settings) -> AppTest:
    at = AppTest.from_file(str(path), default_timeout=90)
    at.session_state["drafter"] = Drafter.with_fake(["Tack för din ansökan."], settings=settings)
    return at.run()


def _upload(at: AppTest, name: str) -> AppTest:
    at.file_uploader(key="batch_upload").set_value((name, (DATA / name).read_bytes(), "text/csv"))
    return at.run()


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.error]
    return "\n".join(str(p) for p in parts + [w.value for w in at.warning] + [i.value for i in at.info])


def test_upload_validates_then_drafts_every_row_with_progress(settings: Settings) -> None:
    at = _upload(_page(BATCH, settings), "sv_semicolon_bom.csv")
    assert not at.exception
    assert "2 rader kan skrivas, 0 dubbletter, 0 rader med fel." in _texts(at)
    assert "körs på den här datorn" in _texts(at)  # the fake profile: nothing leaves the machine
    at.button(key="batch_run").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Klart: 2 skrivna nu")
    assert at.progress and at.progress[0].value == 100
    drafts = open_history(settings).round_drafts(at.session_state["batch_round_id"])
    assert [d.candidate_name for d in drafts] == ["Åsa Öberg", "Björn Ärlig"]
    assert all(d.status == "ready" for d in drafts)
    labels = [b.label for b in at.download_button]
    assert labels == ["Ladda ner CSV (Excel)", "Ladda ner .eml-filer (zip)"]


def test_row_errors_show_row_column_and_reason_and_only_good_rows_run(settings: Settings) -> None:
    at = _upload(_page(BATCH, settings), "bad_rows.csv")
    assert "2 rader kan skrivas, 0 dubbletter, 2 rader med fel." in _texts(at)
    errors = at.dataframe[0].value
    assert list(errors["Rad"]) == [3, 4, 4]
    assert list(errors["Kolumn"]) == ["Namn", "E-post", "Tjänst"]
    at.button(key="batch_run").click().run()
    drafts = open_history(settings).round_drafts(at.session_state["batch_round_id"])
    assert [d.row for d in drafts] == [2, 5]


def test_missing_column_is_mapped_or_given_one_value(settings: Settings) -> None:
    at = _upload(_page(BATCH, settings), "missing_column.csv")
    assert any("No column for 'company'" in e.value for e in at.error)
    at.text_input(key="set_company").set_value("Krogen Hörnet").run()
    assert not at.error
    assert "2 rader kan skrivas" in _texts(at)


def test_edit_is_rechecked_and_saved_and_a_row_can_be_redrafted(settings: Settings) -> None:
    at = _upload(_page(BATCH, settings), "sv_semicolon_bom.csv")
    at.button(key="batch_run").click().run()
    history = open_history(settings)
    round_id = at.session_state["batch_round_id"]
    first = history.round_drafts(round_id)[0]
    area = next(a for a in at.text_area if a.key and a.key.startswith("batch_text_"))
    area.set_value((first.text or "") + "\nDu är för gammal för vårt team.").run()
    at.button(key="batch_save").click().run()
    assert not at.exception
    edited = history.round_drafts(round_id)[0]
    assert edited.status == "blocked" and edited.edited
    assert "protected_ground" in (edited.report_json or "")
    assert any("bryter mot en spärrande regel" in w.value for w in at.warning)
    at.button(key="batch_redraft").click().run()
    assert not at.exception
    redone = history.round_drafts(round_id)[0]
    assert redone.status == "ready" and not redone.edited


def test_not_before_date_is_stored_and_warned_about(settings: Settings) -> None:
    at = _upload(_page(BATCH, settings), "sv_semicolon_bom.csv")
    at.checkbox(key="batch_not_before_on").check().run()
    later = dt.date.today() + dt.timedelta(days=5)
    at.date_input(key="batch_not_before").set_value(later).run()
    at.button(key="batch_run").click().run()
    assert any(later.isoformat() in w.value and "inte skickas före" in w.value for w in at.warning)
    round_ = open_history(settings).get_round(at.session_state["batch_round_id"])
    assert round_ is not None and round_.not_before == later


def test_remote_profile_shows_that_names_are_pseudonymised(settings: Settings) -> None:
    at = AppTest.from_file(str(BATCH), default_timeout=60).run()
    at.selectbox(key="profile").set_value("openai").run()
    _upload(at, "sv_semicolon_bom.csv")
    assert "ersätts med pseudonymer" in _texts(at)


@pytest.fixture
def stored(settings: Settings) -> int:
    """Store a small round through the batch page and return its id."""
    at = _upload(_page(BATCH, settings), "sv_semicolon_bom.csv")
    at.button(key="batch_run").click().run()
    return int(at.session_state["batch_round_id"])


def test_history_searches_filters_and_reopens_a_draft(settings: Settings, stored: int) -> None:
    at = _page(HISTORY, settings)
    assert not at.exception
    assert set(at.dataframe[0].value["Kandidat"]) == {"Björn Ärlig", "Åsa Öberg"}
    at.text_input(key="history_query").set_value("åsa").run()
    assert list(at.dataframe[0].value["Kandidat"]) == ["Åsa Öberg"]
    area = next(a for a in at.text_area if a.key and a.key.startswith("history_text_"))
    area.set_value(area.value.replace("Karin Ek", "Karin Ek\nRekryteringsteamet")).run()
    at.button(key="history_save").click().run()
    assert not at.exception
    assert at.success and any("sparad" in s.value for s in at.success)
    (draft,) = open_history(settings).search("åsa")
    assert draft.edited
    at.selectbox(key="history_status").set_value("failed").run()
    assert any("Inga sparade utkast" in i.value for i in at.info)


def test_history_forgets_a_candidate_after_confirmation(settings: Settings, stored: int) -> None:
    at = _page(HISTORY, settings)
    at.text_input(key="access_who").set_value("asa@example.se").run()
    assert [b.label for b in at.download_button] == ["Ladda ner registerutdrag (JSON)"]
    at.text_input(key="forget_who").set_value("Åsa Öberg").run()
    assert at.button(key="forget_button").proto.disabled
    at.checkbox(key="forget_sure").check().run()
    at.button(key="forget_button").click().run()
    assert not at.exception
    assert any("Raderat: 1 utkast" in s.value for s in at.success)
    assert access_export(open_history(settings), "asa@example.se")["drafts"] == []
    assert [d.candidate_name for d in open_history(settings).search()] == ["Björn Ärlig"]


def test_a_cell_edited_in_the_review_table_is_rechecked_and_saved(settings: Settings) -> None:
    at = _upload(_page(BATCH, settings), "sv_semicolon_bom.csv")
    at.button(key="batch_run").click().run()
    history = open_history(settings)
    round_id = at.session_state["batch_round_id"]
    first = history.round_drafts(round_id)[0]
    assert at.data_editor and list(at.data_editor[0].value["row"]) == [2, 3]
    bad = (first.text or "") + "\nRing mig på [TELEFONNUMMER]."
    at.session_state["batch_editor_0"] = {"edited_rows": {0: {"text": bad}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    edited = history.round_drafts(round_id)[0]
    assert edited.text == bad and edited.status == "blocked"
    assert "placeholder" in (edited.report_json or "")
    assert [passed for _, _, passed in history.edits(edited.id)] == [False]
    assert at.session_state["batch_editor_version"] == 1  # a fresh table: the edit is not applied twice


def _drafted_on_the_draft_page(settings: Settings) -> AppTest:
    """Return the draft page after one fake draft of the support form (GOOD_SV)."""
    from ui_test_support import APP, GOOD_SV, fill_form, submit

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["drafter"] = Drafter.with_fake([GOOD_SV], settings=settings)
    at.run()
    fill_form(at)
    submit(at)
    return at


def test_a_draft_from_the_draft_page_and_its_edit_land_in_the_history(settings: Settings) -> None:
    from ui_test_support import GOOD_SV

    at = _drafted_on_the_draft_page(settings)
    assert not at.exception
    (stored,) = open_history(settings).search("Anna")
    assert stored.text == GOOD_SV and stored.status == "ready"
    at.text_area(key="edit_email").set_value(GOOD_SV.replace("Karin Ek", "Karin Ek, rekryterare")).run()
    (edited,) = open_history(settings).search("Anna")
    assert edited.edited and edited.text and edited.text.endswith("Karin Ek, rekryterare")


def test_a_single_draft_downloaded_from_the_draft_page_is_kept_as_exported(settings: Settings) -> None:
    from ui_test_support import GOOD_SV

    at = _drafted_on_the_draft_page(settings)
    edited = GOOD_SV.replace("Karin Ek", "Karin Ek, rekryterare")
    at.text_area(key="edit_email").set_value(edited).run()
    at.download_button(key="dl_eml_email").click().run()
    at.download_button(key="dl_txt_email").click().run()
    assert not at.exception
    history = open_history(settings)
    (stored,) = history.search("Anna")
    assert history.export_count(stored.id) == 2
    exported = access_export(history, "Anna")["drafts"][0]["exports"]
    assert sorted(x["kind"] for x in exported) == ["eml", "txt"]
    assert {x["text"] for x in exported} == {edited}  # the text as it left the app, with the edit
