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
from batch_support import candidate_rows, write_config, write_csv
from sqlalchemy import text

from drafter.store.engine import create_store_engine

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
    cfg = write_config(tmp_path / "drafter.toml", store_url)
    out = tmp_path / "drafts.csv"

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
