"""`drafter batch CANDIDATES.(csv|xlsx) --out DRAFTS.csv [--model P] [--concurrency N]`."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from drafter.batch.reading import Table
    from drafter.batch.runner import Progress
    from drafter.batch.validation import Validated


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument(
        "candidates", metavar="CANDIDATES", help="A .csv (`;` or `,`, UTF-8 or cp1252) or .xlsx, one candidate per row."
    )
    parser.add_argument("--out", metavar="DRAFTS.csv", help="Where to write the drafts (one row per input row).")
    parser.add_argument("--model", metavar="PROFILE", help="Model profile from drafter.toml.")
    parser.add_argument("--concurrency", type=int, default=1, metavar="N", help="Rows drafted at once (default 1).")
    parser.add_argument(
        "--map",
        action="append",
        metavar="COLUMN=FIELD",
        help="Read a column as a field (repeatable); FIELD '-' skips it.",
    )
    parser.add_argument(
        "--set", action="append", metavar="FIELD=VALUE", help="A value for every row without one, e.g. company=Acme."
    )
    parser.add_argument("--round", metavar="NAME", help="Name of the round in the history (default: the file name).")
    parser.add_argument("--not-before", metavar="YYYY-MM-DD", help="No message of this round is to be sent before it.")
    parser.add_argument("--zip", metavar="DRAFTS.zip", help="Also write the e-mails as .eml files in a zip.")
    parser.add_argument(
        "--excel", action="store_true", help="Write the CSV with `;` and a BOM, as Swedish Excel reads it."
    )
    parser.add_argument(
        "--check", action="store_true", help="Only validate the file: print every row error, draft nothing."
    )
    parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")


def _not_before(value: str | None) -> object:
    import datetime as dt

    from drafter.errors import InputError

    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--not-before takes a date as YYYY-MM-DD, not '{value}'.") from None


def run(args: argparse.Namespace) -> int:
    """Validate every row first, then draft what is missing from the history, then export."""
    import sys

    from drafter.batch.columns import map_columns, parse_pairs
    from drafter.batch.reading import read_path
    from drafter.batch.validation import validate_table
    from drafter.errors import InputError

    if args.concurrency < 1:
        raise InputError("--concurrency must be at least 1.")
    if not args.out and not args.check:
        raise InputError("Name the output file with --out DRAFTS.csv (or use --check to validate only).")
    not_before = _not_before(args.not_before)
    table = read_path(args.candidates)
    mapping = map_columns(table.header, parse_pairs(args.map, "--map"), defaults := parse_pairs(args.set, "--set"))
    validated = validate_table(table, mapping, defaults)
    for error in validated.errors:
        print(f"drafter: {error}", file=sys.stderr)
    for dup in validated.duplicates:
        print(f"drafter: row {dup.row}: same candidate as row {dup.duplicate_of} ({dup.duplicate_reason}); "
              "drafted once.", file=sys.stderr)  # fmt: skip
    print(
        f"drafter: {validated.total} rows read ({table.encoding or 'text'}"
        + (f", '{table.delimiter}'-separated" if table.delimiter else "")
        + f"): {len(validated.to_draft)} to draft, {len(validated.duplicates)} repeated, "
        f"{len(validated.error_rows)} with errors"
        + (f", {table.skipped_empty} empty rows skipped" if table.skipped_empty else "")
        + ".",
        file=sys.stderr,
    )
    if args.check:
        return 1 if validated.errors else 0
    return _draft_and_export(args, table, mapping, validated, not_before, Path(args.out))


def _draft_and_export(
    args: argparse.Namespace, table: Table, mapping: dict[str, str], validated: Validated, not_before: Any, out: Path
) -> int:
    import sys

    from drafter.batch.output import OUT_COLUMNS, eml_items, output_rows
    from drafter.batch.runner import BatchRunner, round_key
    from drafter.config import load_settings
    from drafter.exports import csv_bytes, eml_zip
    from drafter.pipeline import Drafter
    from drafter.store import open_history

    settings = load_settings(args.config)
    drafter = Drafter.from_config(args.model, settings)
    history = open_history(settings)
    source = Path(args.candidates).name
    round_ = history.start_round(
        round_key(validated.rows, drafter.profile_name),
        name=args.round or source,
        profile=drafter.profile_name,
        source=source,
        rows_total=validated.total,
        not_before=not_before,
    )
    runner = BatchRunner(drafter, history, concurrency=args.concurrency, seed=drafter.profile.seed)
    with _progress_bar(not args.no_progress) as on_progress:
        summary = runner.run(round_.id, validated.rows, on_progress)
    drafts = history.round_drafts(round_.id)
    name_column = mapping.get("candidate_name", "")
    names = {n: dict(zip(table.header, cells, strict=False)).get(name_column, "")
             for n, cells in zip(table.row_numbers, table.rows, strict=True)}  # fmt: skip
    disclosure = settings.privacy.disclosure_for
    rows = output_rows(drafts, validated.error_rows, names, disclosure, round_.not_before)
    _write_atomic(out, csv_bytes(rows, OUT_COLUMNS, excel=args.excel))
    by_row = {d.row: d.id for d in drafts}
    history.record_exports("csv", ((by_row[int(str(r["row"]))], str(r["text"])) for r in rows if r.get("text")))
    if args.zip:
        items = eml_items(drafts, disclosure)
        _write_atomic(Path(args.zip), eml_zip(items, round_.not_before))
        history.record_exports("eml", ((by_row[i.row], i.text) for i in items if i.request.channel == "email"))
    print(
        f"drafter: wrote {len(rows)} rows to {out}: {summary.drafted} drafted now, {summary.resumed} from an "
        f"earlier run, {summary.duplicates} repeated, {summary.failed} failed, {len(validated.error_rows)} invalid "
        f"({summary.elapsed_s:.1f} s).",
        file=sys.stderr,
    )
    return 0


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[Progress], None] | None]:
    """Yield a progress callback drawing a bar with rate and ETA on stderr (None when disabled)."""
    if not enabled:
        yield None
        return
    import sys

    from tqdm import tqdm

    bar = tqdm(total=0, unit="row", file=sys.stderr, desc="drafting", dynamic_ncols=True)

    def update(p: Progress) -> None:
        if bar.total != p.total:
            bar.reset(total=p.total)
        bar.n = p.done
        bar.set_postfix(failed=p.failed, resumed=p.skipped, refresh=False)
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()


def _write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a killed run never leaves half a CSV."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
