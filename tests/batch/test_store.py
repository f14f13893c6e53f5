"""The history store on SQLite and on a real PostgreSQL: migrations, writes, edits, search, privacy."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from sqlalchemy import inspect

from drafter.models import DraftRequest
from drafter.pipeline import Drafter
from drafter.store.engine import create_store_engine, downgrade, migrate
from drafter.store.history import History, StoreError
from drafter.store.privacy import access_export, forget, purge, purge_if_due
from drafter.store.schema import Base, Draft
from drafter.store.settings import StoreSettings

TABLES = {"rounds", "drafts", "edits", "exports", "store_meta", "alembic_version"}


def _request(name: str = "Åsa Öberg", **extra: str) -> DraftRequest:
    return DraftRequest(
        candidate_name=name,
        role="projektledare",
        company="Nordvik Energi",
        recruiter_name="Karin Ek",
        highlights="din tydliga presentation",
        reason="vi valde en kandidat med mer erfarenhet av upphandling",
        internal_notes="Hemlig anteckning om kandidaten.",
        **extra,
    )


@pytest.fixture
def history(store_url: str) -> History:
    engine = create_store_engine(store_url)
    migrate(engine)
    return History(engine, StoreSettings())


@pytest.fixture
def drafter(fake_drafter) -> Drafter:  # type: ignore[no-untyped-def]
    return fake_drafter(["x"])


def _draft(
    history: History, drafter: Drafter, round_id: int, row: int, request: DraftRequest, email: str | None = None
):  # type: ignore[no-untyped-def]
    return history.save_result(round_id, row, drafter.draft(request), email=email)


def test_migrations_build_the_schema_the_models_describe(store_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = create_store_engine(store_url)
    migrate(engine)
    assert set(inspect(engine).get_table_names()) >= TABLES
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    downgrade(engine)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate(engine)  # and up again
    assert set(inspect(engine).get_table_names()) >= TABLES


def test_round_key_resumes_the_same_round(history: History) -> None:
    first = history.start_round("k" * 64, name="Runda 1", profile="fake", rows_total=3)
    again = history.start_round("k" * 64, name="Runda 1 igen", profile="fake", rows_total=3)
    assert again.id == first.id and again.name == "Runda 1"
    assert [r.id for r in history.rounds()] == [first.id]


def test_result_is_stored_once_per_row_without_internal_notes(history: History, drafter: Drafter) -> None:
    round_ = history.start_round("a" * 64, name="r", profile="fake")
    _draft(history, drafter, round_.id, 2, _request(), "asa@example.se")
    _draft(history, drafter, round_.id, 2, _request(), "asa@example.se")  # a re-run of the same row
    (stored,) = history.round_drafts(round_.id)
    assert stored.row == 2 and stored.status == "ready" and stored.passed
    assert stored.text and "Åsa" in stored.text
    assert "internal_notes" not in json.loads(stored.request_json)
    assert "Hemlig" not in stored.request_json
    assert stored.request.candidate_name == "Åsa Öberg"


def test_internal_notes_are_kept_only_when_the_operator_turns_it_on(store_url: str, drafter: Drafter) -> None:
    engine = create_store_engine(store_url)
    migrate(engine)
    history = History(engine, StoreSettings(store_internal_notes=True))
    round_ = history.start_round("b" * 64, name="r", profile="fake")
    stored = _draft(history, drafter, round_.id, 2, _request())
    assert stored.request.internal_notes == "Hemlig anteckning om kandidaten."


def test_failure_then_success_replaces_the_failure(history: History, drafter: Drafter) -> None:
    round_ = history.start_round("c" * 64, name="r", profile="fake")
    failed = history.save_failure(round_.id, 3, _request(), "Model profile 'x' failed: timed out.")
    assert failed.status == "failed" and failed.text is None
    done = _draft(history, drafter, round_.id, 3, _request())
    assert done.id == failed.id and done.status == "ready" and done.error is None


def test_edit_becomes_the_current_text_and_is_rechecked(history: History, drafter: Drafter) -> None:
    round_ = history.start_round("d" * 64, name="r", profile="fake")
    stored = _draft(history, drafter, round_.id, 2, _request())
    assert stored.text is not None
    bad = stored.text + "\nDu är för gammal för oss."
    edited = history.record_edit(stored.id, bad, drafter.check(bad, _request()))
    assert edited.text == bad and edited.model_text == stored.text and edited.edited
    assert edited.status == "blocked" and not edited.passed
    assert [passed for _, _, passed in history.edits(stored.id)] == [False]


def test_search_folds_case_and_swedish_letters_and_filters(history: History, drafter: Drafter) -> None:
    r1 = history.start_round("e" * 64, name="höst", profile="fake")
    r2 = history.start_round("f" * 64, name="vår", profile="fake")
    _draft(history, drafter, r1.id, 2, _request("Åsa Öberg"), "asa@example.se")
    _draft(history, drafter, r2.id, 2, _request("Björn Ärlig"))
    history.save_failure(r2.id, 3, _request("Cecilia Ö"), "timed out")
    assert [d.candidate_name for d in history.search("åsa")] == ["Åsa Öberg"]
    assert [d.candidate_name for d in history.search("ÅSA ÖBERG")] == ["Åsa Öberg"]
    assert [d.candidate_name for d in history.search("ASA@EXAMPLE")] == ["Åsa Öberg"]
    assert {d.candidate_name for d in history.search(round_id=r2.id)} == {"Björn Ärlig", "Cecilia Ö"}
    assert [d.candidate_name for d in history.search(status="failed")] == ["Cecilia Ö"]


def test_a_failing_transaction_writes_nothing(history: History) -> None:
    round_ = history.start_round("g" * 64, name="r", profile="fake")
    with pytest.raises(StoreError), history.session() as s:
        s.add(Draft(round_id=round_.id, row=2))  # required columns missing: the insert fails
    assert history.round_drafts(round_.id) == []


def test_writes_in_one_transaction_commit_together_or_not_at_all(history: History, drafter: Drafter) -> None:
    round_ = history.start_round("h" * 64, name="r", profile="fake")
    with history.transaction():
        _draft(history, drafter, round_.id, 2, _request("Åsa Öberg"))
        history.save_failure(round_.id, 3, _request("Björn Ärlig"), "timed out")
        assert len(history.round_drafts(round_.id)) == 2  # its own reads see its writes
    assert [(d.row, d.status) for d in history.round_drafts(round_.id)] == [(2, "ready"), (3, "failed")]

    with pytest.raises(StoreError), history.transaction():
        _draft(history, drafter, round_.id, 4, _request("Cecilia Ö"))
        with history.session() as s:
            s.add(Draft(round_id=round_.id, row=5))  # required columns missing: the insert fails
    assert [d.row for d in history.round_drafts(round_.id)] == [2, 3]  # row 4 went with it


def test_purge_removes_only_drafts_past_retention_and_logs_counts_only(
    history: History, drafter: Drafter, caplog: pytest.LogCaptureFixture
) -> None:
    old = history.start_round("h" * 64, name="gammal", profile="fake")
    new = history.start_round("i" * 64, name="ny", profile="fake")
    stale = _draft(history, drafter, old.id, 2, _request("Greta Gammal"))
    history.record_edit(stale.id, "Hej", drafter.check("Hej", _request("Greta Gammal")))
    _draft(history, drafter, new.id, 2, _request("Nils Nyman"))
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=10)
    with history.session() as s:  # age the second round's draft less than the first's
        s.get(Draft, stale.id).updated_at = later - dt.timedelta(days=400)  # type: ignore[union-attr]
    with caplog.at_level(logging.INFO, logger="drafter.store"):
        counts = purge(history, retention_days=180, now=later)
    assert (counts.drafts, counts.edits, counts.rounds) == (1, 1, 1)
    assert [d.candidate_name for d in history.search()] == ["Nils Nyman"]
    line = next(r.getMessage() for r in caplog.records if "retention purge" in r.getMessage())
    assert "drafts=1" in line and "Gammal" not in line
    assert purge_if_due(history, now=later + dt.timedelta(hours=1)) is None  # once a day
    assert purge_if_due(history, now=later + dt.timedelta(days=2)) is not None


def test_forget_removes_every_row_about_a_person_in_one_go(history: History, drafter: Drafter) -> None:
    r1 = history.start_round("j" * 64, name="r1", profile="fake")
    r2 = history.start_round("k" * 64, name="r2", profile="fake")
    a = _draft(history, drafter, r1.id, 2, _request("Åsa Öberg"), "asa@example.se")
    history.record_edit(a.id, "Hej Åsa", drafter.check("Hej Åsa", _request()))
    history.record_exports("csv", [(a.id, "Hej Åsa")])
    _draft(history, drafter, r2.id, 2, _request("Åsa Öberg"))  # same person, no e-mail, another round
    _draft(history, drafter, r2.id, 3, _request("Björn Ärlig", chosen_candidate_name="Åsa Öberg"))
    counts = forget(history, "åsa öberg")
    assert (counts.drafts, counts.edits, counts.exports, counts.redacted, counts.rounds) == (2, 1, 1, 1, 1)
    remaining = history.search()
    assert [d.candidate_name for d in remaining] == ["Björn Ärlig"]
    assert "Åsa" not in remaining[0].request_json
    assert access_export(history, "Åsa Öberg")["drafts"] == []


def test_forget_by_email_matches_any_case(history: History, drafter: Drafter) -> None:
    r = history.start_round("l" * 64, name="r", profile="fake")
    _draft(history, drafter, r.id, 2, _request("Åsa Öberg"), "asa@example.se")
    assert forget(history, "ASA@Example.se").drafts == 1
    assert history.search() == []


def test_access_export_holds_everything_stored_about_the_candidate(history: History, drafter: Drafter) -> None:
    r = history.start_round("m" * 64, name="Höstrundan", profile="fake", not_before=dt.date(2026, 12, 10))
    a = _draft(history, drafter, r.id, 2, _request("Åsa Öberg"), "asa@example.se")
    history.record_edit(a.id, "Hej Åsa, tack!", drafter.check("Hej Åsa, tack!", _request()))
    history.record_exports("eml", [(a.id, "Hej Åsa, tack!")])
    _draft(history, drafter, r.id, 3, _request("Björn Ärlig"))
    export = access_export(history, "asa@example.se")
    (item,) = export["drafts"]
    assert item["round"] == {"name": "Höstrundan", "created_at": r.created_at.isoformat(), "not_before": "2026-12-10"}
    assert item["request"]["candidate_name"] == "Åsa Öberg"
    assert item["current_text"] == "Hej Åsa, tack!" and item["drafted_text"] == a.text
    assert [e["text"] for e in item["edits"]] == ["Hej Åsa, tack!"]
    assert [x["kind"] for x in item["exports"]] == ["eml"]
    assert "Björn" not in json.dumps(export, ensure_ascii=False)
