"""Drafting speed and outcomes per drafting mode on the `local` profile, plus cold `drafter draft`.

Warm: one process, model loaded, every request in benchmarks/drafting_requests.jsonl drafted once
per mode after one warm-up draft; prints p50/p95 wall time (targets for `slots`: p50 < 2 s,
p95 < 4 s), how often the model's first try passed, the composer's share, how many shown drafts
carry a block violation (must be 0) and the guardrail checks' share of wall time. For `slots` it
also prints how many note sentences the model wrote that were kept.
Cold: `drafter draft REQUEST.json --model local` in a fresh process for three requests (target < 3 s).

Run: `.venv/bin/python benchmarks/bench_drafting.py [--modes slots,composer,letter] [--cold-runs N]`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = Path(__file__).with_name("drafting_requests.jsonl")
TARGETS = {"p50": 2.0, "p95": 4.0, "cold": 3.0}


def load_requests() -> list[dict[str, object]]:
    """Return the development requests (written for this bench; never the blind sets)."""
    return [json.loads(line)["request"] for line in REQUESTS.read_text(encoding="utf-8").splitlines() if line.strip()]


def percentile(values: list[float], q: float) -> float:
    """Return the q-quantile (nearest rank) of the values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def bench_warm(mode: str, threads: int | None = None) -> bool:
    """Draft every request once in one mode; print the figures; return True when no shown draft is blocked."""
    from drafter.config import load_settings
    from drafter.models import DraftRequest
    from drafter.pipeline import Drafter

    settings = load_settings(ROOT / "drafter.toml")
    update: dict[str, object] = {"drafting": mode}
    if threads:
        update["n_threads"] = threads
    drafter = Drafter(settings, settings.profile("local").model_copy(update=update))
    if mode != "composer":
        _ = drafter.client
    check_time = 0.0
    original_check = drafter.check

    def timed_check(text, request):  # type: ignore[no-untyped-def]
        nonlocal check_time
        t0 = time.perf_counter()
        try:
            return original_check(text, request)
        finally:
            check_time += time.perf_counter() - t0

    drafter.check = timed_check  # type: ignore[method-assign]
    requests = [DraftRequest.model_validate(r) for r in load_requests()]
    drafter.draft(requests[0])  # warm-up: prefix caches, threads
    walls: list[float] = []
    first_pass = fallback = shown_blocked = 0
    kept: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    blocked_rules: Counter[str] = Counter()
    for request in requests:
        t0 = time.perf_counter()
        result = drafter.draft(request)
        walls.append(time.perf_counter() - t0)
        first_pass += result.attempts[0].report.passed
        fallback += result.fallback_used
        shown_blocked += not result.report.passed
        blocked_rules.update(v.rule for a in result.attempts for v in a.report.blocking)
        for slot in {a.slot for a in result.attempts if a.slot}:
            asked[slot] += 1
            kept[slot] += any(a.slot == slot and a.source != "composer" and a.report.passed for a in result.attempts)
    n = len(requests)
    p50, p95 = statistics.median(walls), percentile(walls, 0.95)
    verdict = "OK" if p50 < TARGETS["p50"] and p95 < TARGETS["p95"] else "SLOW"
    print(f"drafting={mode} local, {n} requests (warm)")
    print(f"  draft wall s: p50 {p50:.2f}  p95 {p95:.2f}  max {max(walls):.2f}   targets p50 < 2, p95 < 4: {verdict}")
    print(f"  first-try pass rate {first_pass / n:.2f}   composer-only (fallback) rate {fallback / n:.2f}")
    print(f"  shown drafts with a block violation: {shown_blocked}   target 0")
    print(f"  guardrail checks' share of wall time: {100 * check_time / max(sum(walls), 1e-9):.1f} %")
    if asked:
        print("  model sentences kept per slot: " + ", ".join(f"{s} {kept[s]}/{asked[s]}" for s in sorted(asked)))
    if blocked_rules:
        print("  rules that rejected attempts: " + ", ".join(f"{r} {c}" for r, c in blocked_rules.most_common(8)))
    return shown_blocked == 0


def bench_cold(runs: int, config: Path) -> None:
    """Time `drafter draft REQUEST.json --model local` in a fresh process for three requests."""
    requests = load_requests()
    picks = [requests[0], requests[len(requests) // 2], requests[-1]]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DRAFTER_CONFIG": str(config)}
    with tempfile.TemporaryDirectory() as tmp:
        for i, request in enumerate(picks):
            path = Path(tmp) / f"req{i}.json"
            path.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                cmd = [sys.executable, "-m", "drafter.cli", "draft", str(path), "--model", "local"]
                subprocess.run(cmd, capture_output=True, check=True, env=env, cwd=ROOT)
                times.append(time.perf_counter() - t0)
            best = min(times)
            verdict = "OK" if best < TARGETS["cold"] else "SLOW"
            print(
                f"cold drafter draft (slots) request {i + 1}: best {best:.2f} s of {runs}, "
                f"median {statistics.median(times):.2f}   target < 3: {verdict}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--modes", default="slots,composer", help="Comma-separated drafting modes to time.")
    parser.add_argument("--cold-runs", type=int, default=2, help="Fresh-process runs per cold request (0: skip).")
    parser.add_argument("--threads", type=int, default=None, help="Override n_threads for the warm runs.")
    parser.add_argument("--cold-config", type=Path, default=ROOT / "drafter.toml", help="Config for the cold runs.")
    args = parser.parse_args(argv)
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    ok = all([bench_warm(mode, args.threads) for mode in args.modes.split(",") if mode])
    if args.cold_runs:
        bench_cold(args.cold_runs, args.cold_config)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
