"""Print how long the deterministic composer takes per draft and how often it keeps the recruiter's text.

Run: .venv/bin/python benchmarks/bench_composer.py
Composes a draft for every context in tests/data/{calibration,blind}.jsonl (hostile ones included).
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from drafter.composer import FIELD_MAX_WORDS, clean_field, compose
from drafter.models import LET_PAYLOAD_THROUGH, DraftRequest
from guardrails import check

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def main() -> int:
    """Compose everything once to warm up, then time every context and report pass and keep rates."""
    rows = [json.loads(line) for name in ("calibration.jsonl", "blind.jsonl") for line in (DATA / name).open()]
    # Hostile contexts would be refused at input; the composer must still cope with them.
    requests = [DraftRequest.model_validate(row["context"], context=LET_PAYLOAD_THROUGH) for row in rows]
    started = time.perf_counter()
    for request in requests:  # warm-up: lexicons, the lazily built language detector, templates
        compose(request)
    print(f"first pass incl. lazy loads: {(time.perf_counter() - started) * 1000:.0f} ms")
    timings, passed, kept, offered = [], 0, 0, 0
    for request in requests:
        started = time.perf_counter()
        text = compose(request)
        timings.append(time.perf_counter() - started)
        passed += check(text, request).passed
        for field, cap in FIELD_MAX_WORDS.items():
            cleaned = clean_field(getattr(request, field), cap)
            offered += bool(cleaned)
            kept += bool(cleaned) and cleaned in text
    timings.sort()
    print(f"contexts composed: {len(requests)}; drafts passing every block rule: {passed}/{len(requests)}")
    print(f"recruiter fields kept verbatim: {kept}/{offered} (the rest were unsafe and replaced)")
    print(
        f"compose latency: median {statistics.median(timings) * 1000:.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95)] * 1000:.1f} ms, max {timings[-1] * 1000:.1f} ms"
    )
    return 0 if passed == len(requests) else 1


if __name__ == "__main__":
    raise SystemExit(main())
