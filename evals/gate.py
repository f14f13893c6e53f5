"""The CI gate: a fresh run of the gate subset must not fall behind the committed baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

BASELINES_DIR = Path(__file__).resolve().parent / "baselines"
GATE_TAG = "gate"

# Stated margins. shown_pass_rate is absolute: a blocked draft shown as ready is never acceptable.
MIN_SHOWN_PASS_RATE = 1.0
RUBRIC_MARGIN = 0.1
FIRST_TRY_MARGIN = 0.25
EXPECT_MARGIN = 0.15


def gate_failures(current: dict[str, Any], baseline: dict[str, Any], model: str) -> list[str]:
    """Return one sentence per gate metric that fell too far below the baseline (empty: pass)."""
    cur = current["per_model"][model]
    base = baseline["per_model"][model]
    failures: list[str] = []
    if (cur.get("shown_pass_rate") or 0.0) < MIN_SHOWN_PASS_RATE:
        failures.append(f"shown_pass_rate {cur.get('shown_pass_rate')} < {MIN_SHOWN_PASS_RATE}")
    for key, margin in (
        ("rubric_mean", RUBRIC_MARGIN),
        ("first_try_pass_rate", FIRST_TRY_MARGIN),
        ("expect_pass_rate", EXPECT_MARGIN),
    ):
        if base.get(key) is None:
            continue
        floor = base[key] - margin
        value = cur.get(key)
        if value is None or value < floor - 1e-9:
            failures.append(f"{key} {value} < baseline {base[key]} - {margin}")
    return failures
