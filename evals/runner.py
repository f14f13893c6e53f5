"""Run cases through one or more drafters concurrently, score them and write the run directory."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import DrafterError, InputError
from evals.cache import EvalCache
from evals.cases import EvalCase
from evals.scoring import CaseResult, error_result, score_case
from evals.summary import summarize

if TYPE_CHECKING:
    from drafter.pipeline import Drafter
    from evals.judge import Judge

RESULTS_FILE = "results.jsonl"
SUMMARY_FILE = "summary.json"
REPORT_FILE = "report.html"
# Providers whose clients may serve several drafts at once (HTTP). The in-process ones (llama-cpp,
# fake) keep per-call state, so the runner drafts one case at a time per such model.
PARALLEL_PROVIDERS = frozenset({"openai", "openai-compatible"})


def default_out_dir(root: str | Path = "evals/runs") -> Path:
    """Return `root/<UTC timestamp>`, the default place for a new run."""
    return Path(root) / datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


def run_case(
    case: EvalCase,
    drafter: Drafter,
    cache: EvalCache | None = None,
    judge: Judge | None = None,
    lock: AbstractContextManager[object] | None = None,
) -> CaseResult:
    """Draft (or fetch from the cache) one case with one drafter and score it."""
    try:
        result = cache.get(drafter, case.request) if cache else None
        cached = result is not None
        if result is None:
            with lock or nullcontext():
                # Load the model first, so a local model's load time is not the first case's latency.
                _ = drafter.client
                result = drafter.draft(case.request)
            if cache:
                cache.put(drafter, case.request, result)
        scored = score_case(case, result, drafter.settings.guardrails, cached=cached)
        if judge is not None:
            scored.judge = judge.score(case.request, result.text)
    except DrafterError as exc:
        return error_result(case, drafter.profile_name, str(exc))
    return scored


def run_eval(
    cases: Sequence[EvalCase],
    drafters: Sequence[Drafter],
    cache: EvalCache | None = None,
    concurrency: int = 1,
    judge: Judge | None = None,
    progress: bool = True,
) -> list[CaseResult]:
    """Run every case with every drafter; return results ordered by model, then case."""
    names = [d.profile_name for d in drafters]
    if len(set(names)) != len(names):
        raise InputError(f"Each model may be named once: {', '.join(names)}.")
    tasks = [(case, d) for d in drafters for case in cases]
    locks: dict[str, AbstractContextManager[object]] = {
        d.profile_name: nullcontext() if d.profile.provider in PARALLEL_PROVIDERS else threading.Lock()
        for d in drafters
    }
    from tqdm import tqdm

    bar = tqdm(total=len(tasks), desc="eval", unit="draft", file=sys.stderr, disable=not progress)
    with bar, ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        futures = [pool.submit(run_case, case, d, cache, judge, locks[d.profile_name]) for case, d in tasks]
        for fut in futures:
            fut.add_done_callback(lambda _f: bar.update(1))
        return [fut.result() for fut in futures]


def write_run(
    out_dir: str | Path, results: list[CaseResult], models: list[str], meta: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Write results.jsonl, summary.json and report.html; return the summary."""
    from evals.report import render_report

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with (out / RESULTS_FILE).open("w", encoding="utf-8") as fh:
        for r in results:
            fh.write(r.model_dump_json() + "\n")
    summary = summarize(results, models, meta)
    (out / SUMMARY_FILE).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / REPORT_FILE).write_text(render_report(summary, results), encoding="utf-8")
    return summary


def read_run(run_dir: str | Path) -> tuple[dict[str, Any], list[CaseResult]]:
    """Read a run directory's summary and results, or raise `InputError` naming what is wrong."""
    d = Path(run_dir)
    try:
        summary = json.loads((d / SUMMARY_FILE).read_text(encoding="utf-8"))
        lines = (d / RESULTS_FILE).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise InputError(f"Not an eval run directory (missing {Path(exc.filename).name}): {d}.") from None
    except json.JSONDecodeError:
        raise InputError(f"{d / SUMMARY_FILE} is not valid JSON.") from None
    results: list[CaseResult] = []
    for n, line in enumerate(lines, start=1):
        if line.strip():
            try:
                results.append(CaseResult.model_validate_json(line))
            except ValueError:
                raise InputError(f"{d / RESULTS_FILE}:{n}: not a valid result line.") from None
    return summary, results
