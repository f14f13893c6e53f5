"""`drafter history [--search Q] [--round ID] [--status S] | --forget WHO | --access-export WHO --out F | --purge`."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("--search", metavar="TEXT", default="", help="Name, e-mail, role or company fragment.")
    parser.add_argument("--round", type=int, metavar="ID", help="Only this round.")
    parser.add_argument("--status", choices=["ready", "blocked", "failed", "duplicate"], help="Only this status.")
    parser.add_argument("--rounds", action="store_true", help="List the rounds instead of drafts.")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--forget", metavar="NAME_OR_EMAIL", help="Delete every row about this candidate.")
    action.add_argument("--access-export", metavar="NAME_OR_EMAIL", help="Write everything stored about them (JSON).")
    action.add_argument("--purge", action="store_true", help="Purge drafts past the retention period now.")
    parser.add_argument("--out", metavar="FILE.json", help="Where --access-export writes (default: stdout).")


def run(args: argparse.Namespace) -> int:
    """List, forget, export or purge; print counts, never candidate text, to stderr."""
    import json
    import sys
    from pathlib import Path

    from drafter.config import load_settings
    from drafter.store import open_history
    from drafter.store.privacy import access_export, forget, purge

    history = open_history(load_settings(args.config))
    if args.forget:
        counts = forget(history, args.forget)
        print(f"drafter: forgot {counts.drafts} drafts ({counts}).", file=sys.stderr)
        return 0
    if args.access_export:
        data = json.dumps(access_export(history, args.access_export), ensure_ascii=False, indent=2)
        if args.out:
            Path(args.out).write_text(data + "\n", encoding="utf-8")
            print(f"drafter: wrote the access export to {args.out}.", file=sys.stderr)
        else:
            print(data)
        return 0
    if args.purge:
        counts = purge(history)
        print(f"drafter: purged {counts}.", file=sys.stderr)
        return 0
    if args.rounds:
        for r in history.rounds():
            nb = r.not_before.isoformat() if r.not_before else "-"
            print(f"{r.id}\t{r.created_at:%Y-%m-%d %H:%M}\t{r.profile}\tnot-before {nb}\t{r.rows_total} rows\t{r.name}")
        return 0
    for d in history.search(args.search, args.round, args.status):
        print(f"{d.id}\tround {d.round_id}\trow {d.row}\t{d.status}\t{d.candidate_name}\t{d.role}\t{d.company}")
    return 0
