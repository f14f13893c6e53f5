"""A batch killed with SIGKILL halfway resumes: every candidate drafted exactly once, nothing lost."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_support import candidate_rows, letter_from_prompt, write_config, write_csv, write_stub_config
from sqlalchemy import text

from drafter.store.engine import create_store_engine
from drafter.testing.stub_openai import StubOpenAI

ROOT = Path(__file__).resolve().parents[2]
ROWS = 160


def _batch(cfg: Path, src: Path, out: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DRAFTER_CONFIG": str(cfg)}
    cmd = [sys.executable, "-m", "drafter.cli", "batch", str(src), "--out", str(out), "--concurrency", "2",
           "--no-progress"]  # fmt: skip
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stored(url: str) -> dict[int, tuple[int, str]]:
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            try:
                rows = conn.execute(text("SELECT row, id, updated_at FROM drafts")).all()
            except Exception:  # the tables do not exist yet
                return {}
        return {r[0]: (r[1], str(r[2])) for r in rows}
    finally:
        engine.dispose()


@pytest.mark.slow
def test_sigkill_halfway_then_rerun_drafts_every_candidate_exactly_once(store_url: str, tmp_path: Path) -> None:
    src = write_csv(tmp_path / "round.csv", candidate_rows(ROWS))
    out = tmp_path / "drafts.csv"
    # A model that takes 50 ms an answer: on the fake, which answers at once, the whole round could be
    # stored between two looks at the database, and the kill came too late.
    with StubOpenAI(replies=letter_from_prompt, delay_s=0.05) as stub:
        cfg = write_stub_config(tmp_path / "drafter.toml", store_url, stub.base_url)
        _kill_halfway_then_rerun(cfg, src, out, store_url)


def _kill_halfway_then_rerun(cfg: Path, src: Path, out: Path, store_url: str) -> None:
    proc = _batch(cfg, src, out)
    deadline = time.monotonic() + 120
    before: dict[int, tuple[int, str]] = {}
    while time.monotonic() < deadline and proc.poll() is None:
        before = _stored(store_url)
        if len(before) >= ROWS // 4:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    before = _stored(store_url)
    assert ROWS // 4 <= len(before) < ROWS, "the kill must land halfway"
    print(f"SIGKILL with {len(before)} of {ROWS} rows stored")  # shown with -s
    assert not out.exists()  # the CSV is written whole at the end, never half

    again = _batch(cfg, src, out)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"{len(before)} from an earlier run" in err

    after = _stored(store_url)
    assert sorted(after) == list(range(2, ROWS + 2))  # every row, once (the table's unique key holds it too)
    for row, (draft_id, updated) in before.items():
        assert after[row] == (draft_id, updated), f"row {row} was drafted again"
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["row"]) for r in rows] == list(range(2, ROWS + 2))
    assert len({r["candidate_name"] for r in rows}) == ROWS
    assert all(r["status"] == "ready" and r["text"] for r in rows)


def test_a_corrected_file_rerun_drafts_only_the_fixed_row_and_keeps_the_edits(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from drafter.cli import main
    from drafter.config import load_settings
    from drafter.store import open_history
    from guardrails import check

    rows = candidate_rows(4)
    rows[2][5] = "klingonska"  # an invalid language: the row is refused, the others drafted
    src = write_csv(tmp_path / "round.csv", rows)
    cfg = write_config(tmp_path / "drafter.toml", store_url)
    out = tmp_path / "drafts.csv"
    assert (
        main(["--config", str(cfg), "batch", str(src), "--out", str(out), "--no-progress"]) == 0
    )  # rows with errors are reported, not fatal
    assert "3 drafted now, 0 from an earlier run" in capsys.readouterr().err
    history = open_history(load_settings(cfg))
    (first_round,) = history.rounds()
    first = {d.row: d for d in history.round_drafts(first_round.id)}
    edited = first[2].text.replace("Karin Ek", "Karin Ek, rekryterare") if first[2].text else ""
    history.record_edit(first[2].id, edited, check(edited, first[2].request))

    rows[2][5] = "sv"  # the recruiter fixes the row and runs the file again
    write_csv(src, rows)
    assert main(["--config", str(cfg), "batch", str(src), "--out", str(out), "--no-progress"]) == 0
    assert "1 drafted now, 3 from an earlier run" in capsys.readouterr().err
    second_round = next(r for r in history.rounds() if r.id != first_round.id)
    second = {d.row: d for d in history.round_drafts(second_round.id)}
    assert sorted(second) == [2, 3, 4, 5]
    assert second[2].text == edited  # the edit of the earlier run is what goes out
    assert [second[r].model_text for r in (3, 5)] == [first[r].model_text for r in (3, 5)]
    with out.open(encoding="utf-8") as fh:
        assert [(r["row"], r["status"]) for r in csv.DictReader(fh)] == [(str(r), "ready") for r in (2, 3, 4, 5)]
