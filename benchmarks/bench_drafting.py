"""Drafting on the local profile over 30 varied requests: guardrail outcomes and the checks' share of time.

Prints the first-try pass rate, the fallback rate, how many shown drafts carry a block violation
(must be 0), and the share of wall time spent in guardrail checks (target < 5 %).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
N_REQUESTS = 30


def load_requests(n: int) -> list[dict[str, object]]:
    """Take n cases spread evenly over the eval cases, sorted by id, so every theme is represented."""
    cases = []
    for path in sorted((ROOT / "evals" / "cases").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(json.loads(line))
    cases.sort(key=lambda c: c["id"])
    step = max(1, len(cases) // n)
    return [c["request"] for c in cases[::step][:n]]


def main() -> int:
    from drafter.models import DraftRequest
    from drafter.pipeline import Drafter

    drafter = Drafter.from_config("local")
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
    drafter.check("Hej.", DraftRequest(candidate_name="A", role="r", company="c", recruiter_name="x"))  # warm-up

    requests = [DraftRequest.model_validate(r) for r in load_requests(N_REQUESTS)]
    first_pass = fallback = shown_blocked = 0
    shares, walls = [], []
    blocked_first: Counter[str] = Counter()
    for req in requests:
        check_time = 0.0
        t0 = time.perf_counter()
        result = drafter.draft(req)
        wall = time.perf_counter() - t0
        walls.append(wall)
        shares.append(check_time / wall)
        first_pass += result.attempts[0].report.passed
        fallback += result.fallback_used
        shown_blocked += not result.report.passed
        blocked_first.update({v.rule for v in result.attempts[0].report.blocking})
    n = len(requests)
    print(f"local drafts: {n} requests")
    print(f"  first-try pass rate: {first_pass / n:.2f}")
    print(f"  fallback (composer) rate: {fallback / n:.2f}")
    print(f"  shown drafts with a block violation: {shown_blocked}   target 0")
    print(f"  draft wall s: median {statistics.median(walls):.2f}  min {min(walls):.2f}  max {max(walls):.2f}")
    print(
        f"  guardrail checks' share of draft wall time: median {100 * statistics.median(shares):.2f} %"
        f"  max {100 * max(shares):.2f} %   target < 5 %"
    )
    print("  rules that blocked first attempts: " + ", ".join(f"{r} {c}" for r, c in blocked_first.most_common()))
    return 1 if shown_blocked else 0


if __name__ == "__main__":
    sys.exit(main())
