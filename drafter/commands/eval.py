"""`drafter eval`: run the offline eval suite; `compare A B`: compare two runs; `agree`: scorers vs raters."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

USAGE_COMPARE = "drafter eval compare RUN_A RUN_B [--json]"
USAGE_AGREE = "drafter eval agree --ratings FILE.jsonl [--results RUN] [--judge PROFILE] [--json] [--write]"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the eval options; a leading `compare A B` switches to comparing two run directories."""
    parser.add_argument(
        "action",
        nargs="*",
        metavar="compare RUN_A RUN_B | agree",
        help="Compare two run directories, or (agree) measure how well the scorers agree with blind ratings.",
    )
    parser.add_argument("--ratings", help="agree: a rated-drafts file (evals/ratings/*.jsonl).")
    parser.add_argument(
        "--results",
        action="append",
        metavar="RUN",
        help="agree: also score a stored run's rubric_mean (a run directory or results.jsonl; repeatable).",
    )
    parser.add_argument("--write", action="store_true", help="agree: store the judge's agreement for summaries.")
    parser.add_argument("--dataset", help="A .jsonl case file or a directory of them (default: evals/cases/).")
    parser.add_argument(
        "--model",
        action="append",
        metavar="PROFILE",
        help="Model profile to evaluate; repeat for side by side.",
    )
    parser.add_argument("--out", help="Run directory to write (default: evals/runs/<timestamp>).")
    parser.add_argument("--tag", action="append", help="Only cases with this tag (repeat: all tags required).")
    parser.add_argument("--limit", type=int, help="Only the first N cases (after tag filtering).")
    parser.add_argument("--concurrency", type=int, default=2, help="Cases drafted at once (default: 2).")
    parser.add_argument("--no-cache", action="store_true", help="Always call the model; ignore cached drafts.")
    parser.add_argument("--cache-dir", default=".cache/evals", help="Cache of drafts (default: .cache/evals).")
    parser.add_argument("--judge", metavar="PROFILE", help="Also grade every draft with this profile as LLM judge.")
    parser.add_argument("--judge-repeats", type=int, default=1, help="Ask the judge N times per draft (agreement).")
    parser.add_argument("--judge-rubric", default="v1", help="Judge rubric file under prompts/judge/ (default: v1).")
    parser.add_argument("--json", action="store_true", help="Print the summary (or comparison) as JSON.")
    parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")


def run(args: argparse.Namespace) -> int:
    """Run the eval or compare two runs."""
    from drafter.errors import InputError

    if args.action:
        if args.action == ["agree"]:
            from drafter.commands.eval_agree import agree

            if not args.ratings:
                raise InputError(f"agree needs --ratings FILE; usage: {USAGE_AGREE}.")
            return agree(args)
        if args.action[0] != "compare" or len(args.action) != 3:
            raise InputError(
                f"Unknown eval arguments {' '.join(args.action)!r}; usage: {USAGE_COMPARE} or {USAGE_AGREE}."
            )
        return _compare(args.action[1], args.action[2], args.json)
    if args.concurrency < 1 or args.judge_repeats < 1 or (args.limit is not None and args.limit < 1):
        raise InputError("--concurrency, --judge-repeats and --limit must be at least 1.")
    return _run_eval(args)


def _compare(dir_a: str, dir_b: str, as_json: bool) -> int:
    from evals.compare import compare_runs, format_comparison

    cmp = compare_runs(dir_a, dir_b)
    print(json.dumps(cmp, indent=2, ensure_ascii=False) if as_json else format_comparison(cmp))
    return 0


def _run_eval(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime
    from pathlib import Path

    from drafter.config import load_settings
    from drafter.pipeline import Drafter
    from evals.cache import EvalCache
    from evals.cases import DEFAULT_DATASET, load_cases
    from evals.runner import REPORT_FILE, default_out_dir, run_eval, write_run

    settings = load_settings(args.config)
    names = list(dict.fromkeys(args.model or [settings.active_profile]))
    drafters = [Drafter.from_config(name, settings) for name in names]
    for d in drafters:
        # Fail fast on a missing key or bad URL; a local model loads only when a case needs it.
        if d.profile.provider != "llama-cpp":
            _ = d.client
    dataset = args.dataset or _relative(DEFAULT_DATASET)
    cases = load_cases(dataset, args.tag)[: args.limit]
    judge = None
    if args.judge:
        from evals.judge import Judge

        judge = Judge.from_profile(args.judge, settings, args.judge_repeats, args.judge_rubric)
    out = Path(args.out) if args.out else default_out_dir()
    cache = None if args.no_cache else EvalCache(args.cache_dir)
    results = run_eval(cases, drafters, cache, args.concurrency, judge, progress=not args.no_progress)
    meta: dict[str, Any] = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": dataset,
        "tags": args.tag or [],
        "prompt_versions": {d.profile_name: d.result_prompt_version for d in drafters},
        "judge": {"profile": args.judge, "rubric": judge.rubric.version, "repeats": judge.repeats} if judge else None,
    }
    summary = write_run(out, results, names, meta)
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        print(_table(summary))
        print(f"Report: {out / REPORT_FILE}")
    failed = [n for n in names if summary["per_model"][n]["n_errors"] == summary["per_model"][n]["n"]]
    if failed:
        print(f"drafter: warning: every case failed for: {', '.join(failed)}", file=sys.stderr)
    return 0


def _relative(path: Any) -> str:
    """Return a path relative to the working directory when it lies below it (no home paths in runs)."""
    from pathlib import Path

    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _table(summary: dict[str, Any]) -> str:
    cols = (
        ("sendable_rate", "sendable"),
        ("shown_pass_rate", "shown"),
        ("first_try_pass_rate", "1st try"),
        ("fallback_rate", "fallback"),
        ("rubric_mean", "rubric"),
        ("expect_pass_rate", "expect"),
        ("latency_p50_s", "p50 s"),
        ("latency_p95_s", "p95 s"),
        ("n_errors", "errors"),
    )
    width = max(12, *(len(m) + 2 for m in summary["models"]))
    lines = [
        f"{summary['n_cases']} cases",
        f"{'model':<{width}}" + "".join(f"{label:>10}" for _, label in cols),
    ]
    for name in summary["models"]:
        pm = summary["per_model"][name]
        cells = "".join(f"{'–' if pm.get(k) is None else format(pm[k], 'g'):>10}" for k, _ in cols)
        lines.append(f"{name:<{width}}{cells}")
    return "\n".join(lines)
