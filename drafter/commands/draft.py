"""`drafter draft REQUEST.json [--model PROFILE] [--json]`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.config import Settings
    from drafter.models import DraftResult

# The name history gives the day's round of command-line drafts (the page names its own in its language).
SINGLE_ROUND = "Single drafts {date}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("request", metavar="REQUEST.json", help="A DraftRequest as JSON ('-' for stdin).")
    parser.add_argument("--model", metavar="PROFILE", help="Model profile from drafter.toml.")
    parser.add_argument("--json", action="store_true", help="Print the whole DraftResult as JSON.")
    parser.add_argument(
        "--no-history", action="store_true", help="Do not keep the draft in history (kept by default, as on the page)."
    )


def run(args: argparse.Namespace) -> int:
    """Draft one rejection and print it."""
    from drafter.jsonio import read_json_file
    from drafter.models import parse_request
    from drafter.pipeline import Drafter
    from drafter.privacy.drafting import draft_private

    request = parse_request(read_json_file(args.request))
    drafter = Drafter.from_config(args.model, args.config)
    result, _ = draft_private(drafter, request)  # names hidden from remote models, restored here
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        print(result.text)
    if result.fallback_used and result.fallback_message:
        print(f"drafter: warning: {result.fallback_message}", file=sys.stderr)
    if not result.report.passed:
        rules = ", ".join(sorted({v.rule for v in result.report.blocking}))
        print(f"drafter: warning: the draft still breaks: {rules}; review before sending.", file=sys.stderr)
    if not args.no_history:
        sys.stdout.flush()  # the draft is out before the store is opened
        _remember(result, drafter.settings)
    return 0


def _remember(result: DraftResult, settings: Settings) -> None:
    """Keep the draft in history like the page does; a store that fails costs a warning, not the draft."""
    from drafter.errors import DrafterError
    from drafter.store import open_history
    from drafter.store.singles import save_single

    try:
        save_single(open_history(settings), result, SINGLE_ROUND)
    except DrafterError as exc:
        print(f"drafter: warning: the draft was not kept in history: {exc}", file=sys.stderr)
