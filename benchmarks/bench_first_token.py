"""Time to first streamed text on the `local` profile, once the model is loaded (target: under 1 s).

Run: `.venv/bin/python benchmarks/bench_first_token.py [--runs N] [--profile NAME]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from drafter.models import DraftRequest
from drafter.pipeline import Drafter

TARGET_S = 1.0

REQUESTS = [
    DraftRequest(
        candidate_name="Anna Lindqvist",
        role="projektledare",
        company="Nordvik Energi",
        recruiter_name="Karin Ek",
        highlights="din struktur när du beskrev utbyggnaden av laddstationer",
        reason="vi valde en kandidat med mer erfarenhet av upphandling",
    ),
    DraftRequest(
        candidate_name="Omar Haddad",
        role="backendutvecklare",
        company="Lindgren & Co",
        recruiter_name="Sara Berg",
        channel="phone",
        highlights="din genomgång av API-designen",
    ),
    DraftRequest(
        candidate_name="Emily Carter",
        role="data analyst",
        company="Fjord Analytics",
        recruiter_name="Jonas Wik",
        language="en",
        tone="formal",
        highlights="the clear dashboard you presented",
        reason="we chose a candidate with more experience of forecasting",
    ),
]


def first_chunks_s(drafter: Drafter, request: DraftRequest) -> tuple[float, float]:
    """Return seconds from `stream()` to the first visible text and to the first model-written text.

    For a completion (base) model the pipeline streams text it wrote itself first (the opening line in
    `letter` drafting, the skeleton's greeting in `slots` drafting), before the model has produced
    anything; the next chunk is the first model-written text (in `slots`, the first checked note
    sentence). The rest of the draft is not awaited.
    """
    skip = 1 if drafter.client.kind == "completion" else 0
    started = time.perf_counter()
    first: float | None = None
    seen = 0
    # Closing the stream stops the generation at once, so the next measurement starts clean.
    with drafter.stream(request) as chunks:
        for chunk in chunks:
            if not chunk.strip():
                continue
            now = time.perf_counter() - started
            first = now if first is None else first
            if seen == skip:
                return first, now
            seen += 1
    now = time.perf_counter() - started
    return (first if first is not None else now), now


def main(argv: list[str] | None = None) -> int:
    """Load the model, warm up once, then print median/min/max time to first token."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=6, help="Measured requests (default: 6).")
    parser.add_argument("--profile", default="local", help="Model profile (default: local).")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    drafter = Drafter.from_config(args.profile)
    _ = drafter.client  # loads the model
    load_s = time.perf_counter() - t0
    first_chunks_s(drafter, REQUESTS[0])  # warm-up: caches, threads, first prompt

    samples = [first_chunks_s(drafter, REQUESTS[i % len(REQUESTS)]) for i in range(args.runs)]
    print(f"bench_first_token profile={args.profile} runs={len(samples)} model_load_s={load_s:.2f}")
    for name, values in (("first_text_s", [s[0] for s in samples]), ("first_model_token_s", [s[1] for s in samples])):
        median = statistics.median(values)
        print(
            f"{name} median={median:.3f} min={min(values):.3f} max={max(values):.3f} "
            f"target<{TARGET_S:.1f} {'OK' if median < TARGET_S else 'SLOW'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
