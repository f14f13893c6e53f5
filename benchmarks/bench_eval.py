"""Benchmark the eval suite's own overhead: scoring, cache round-trips and report rendering.

Offline (fake model, no llama-cpp); prints figures. Run: `.venv/bin/python benchmarks/bench_eval.py`.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from drafter.pipeline import Drafter
from evals.cache import EvalCache
from evals.cases import DEFAULT_DATASET, load_cases
from evals.report import render_report
from evals.runner import run_eval
from evals.scoring import score_case
from evals.summary import summarize

REPLY = (
    "Hej,\n\nTack för ditt intresse och för tiden du gav oss vid intervjun. Vi uppskattade särskilt "
    "ditt engagemang och dina konkreta exempel. Vi har tyvärr valt att gå vidare med en annan kandidat "
    "vars erfarenhet bättre motsvarar våra behov just nu.\n\nVi önskar dig lycka till framöver och hör "
    "gärna av dig om du har frågor.\n\nVänliga hälsningar"
)


def main() -> None:
    """Print per-case scoring time, cached-run time and report rendering time."""
    t0 = time.perf_counter()
    cases = load_cases(DEFAULT_DATASET)
    load_s = time.perf_counter() - t0
    drafter = Drafter.with_fake([REPLY])
    with tempfile.TemporaryDirectory() as tmp:
        cache = EvalCache(Path(tmp))
        t0 = time.perf_counter()
        results = run_eval(cases, [drafter], cache=cache, concurrency=1, progress=False)
        cold_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        run_eval(cases, [drafter], cache=cache, concurrency=1, progress=False)
        warm_s = time.perf_counter() - t0
    drafted = [drafter.draft(c.request) for c in cases[:20]]
    t0 = time.perf_counter()
    for case, result in zip(cases[:20], drafted, strict=True):
        score_case(case, result, drafter.settings.guardrails)
    score_ms = (time.perf_counter() - t0) / len(drafted) * 1000
    t0 = time.perf_counter()
    html = render_report(summarize(results, ["fake"]), results)
    report_ms = (time.perf_counter() - t0) * 1000
    n = len(cases)
    print(f"bench_eval: {n} cases loaded in {load_s * 1000:.1f} ms")
    print(f"bench_eval: fake run, cold cache: {cold_s:.2f} s ({cold_s / n * 1000:.1f} ms/case incl. pipeline)")
    print(f"bench_eval: fake run, warm cache: {warm_s:.2f} s ({warm_s / n * 1000:.1f} ms/case)")
    print(f"bench_eval: score_case (guardrails + rubric + readability): {score_ms:.1f} ms/case")
    print(f"bench_eval: report.html for {n} cases: {report_ms:.1f} ms, {len(html) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
