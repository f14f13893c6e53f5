"""`drafter batch CANDIDATES.csv --out DRAFTS.csv [--model P] [--concurrency N]`."""

from __future__ import annotations

import argparse

OUT_COLUMNS = [
    "row", "candidate_name", "language", "channel", "model",
    "passed", "fallback_used", "blocked_rules", "warned_rules", "text", "error",
]  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("candidates", metavar="CANDIDATES.csv", help="One DraftRequest per row (header = fields).")
    parser.add_argument("--out", required=True, metavar="DRAFTS.csv", help="Where to write the drafts.")
    parser.add_argument("--model", metavar="PROFILE", help="Model profile from drafter.toml.")
    parser.add_argument("--concurrency", type=int, default=1, metavar="N", help="Rows drafted at once (default 1).")


def run(args: argparse.Namespace) -> int:
    """Draft every row; a bad row is reported in its `error` column, never dropped."""
    import csv
    import io
    import os
    import sys
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    from drafter.errors import DrafterError, InputError
    from drafter.jsonio import read_text_file
    from drafter.models import DraftRequest, parse_request
    from drafter.pipeline import Drafter

    if args.concurrency < 1:
        raise InputError("--concurrency must be at least 1.")
    reader = csv.DictReader(io.StringIO(read_text_file(args.candidates)))
    if not reader.fieldnames or "candidate_name" not in reader.fieldnames:
        raise InputError(f"{args.candidates} needs a header row with the DraftRequest fields (candidate_name, ...).")
    unknown = set(reader.fieldnames) - set(DraftRequest.model_fields)
    if unknown:
        raise InputError(f"{args.candidates} has unknown columns: {', '.join(sorted(unknown))}.")
    rows = list(reader)
    drafter = Drafter.from_config(args.model, args.config)

    def one(index_row: tuple[int, dict[str, str]]) -> dict[str, object]:
        index, row = index_row
        out: dict[str, object] = {
            "row": index,
            "candidate_name": row.get("candidate_name", ""),
            "model": drafter.profile_name,
        }
        try:
            request = parse_request({k: v for k, v in row.items() if v not in (None, "")})
            result = drafter.draft(request)
        except DrafterError as exc:
            return out | {"error": str(exc)}
        return out | {
            "language": request.language,
            "channel": request.channel,
            "passed": result.report.passed,
            "fallback_used": result.fallback_used,
            "blocked_rules": " ".join(sorted({v.rule for v in result.report.blocking})),
            "warned_rules": " ".join(sorted({v.rule for v in result.report.warnings})),
            "text": result.text,
        }

    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = list(pool.map(one, enumerate(rows, start=1)))
    out_path = Path(args.out)
    tmp = out_path.with_name(out_path.name + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=OUT_COLUMNS)
        writer.writeheader()
        writer.writerows(results)
    os.replace(tmp, out_path)
    failed = sum(1 for r in results if r.get("error"))
    print(f"drafter: wrote {len(results)} drafts to {out_path} ({failed} rows with errors).", file=sys.stderr)
    return 0
