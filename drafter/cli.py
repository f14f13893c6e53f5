"""The `drafter` command line: every command imports its heavy modules lazily."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

# name -> (module under drafter.commands, one-line help). Modules load only when their command runs,
# so `drafter --help` stays fast.
COMMANDS: dict[str, tuple[str, str]] = {
    "draft": ("draft", "Draft a rejection from a request JSON file."),
    "check": ("check", "Check texts from a JSON Lines file against every guardrail rule."),
    "batch": ("batch", "Draft one rejection per row of a CSV or .xlsx file (a whole round)."),
    "history": ("history", "Search the stored drafts; forget a candidate; export what is stored about one."),
    "eval": ("eval", "Run the offline eval suite, or compare two runs."),
    "ui": ("ui", "Start the Streamlit app."),
    "profiles": ("profiles", "List the configured model profiles."),
    "doctor": ("doctor", "Show what the local model runs on and run a smoke generation."),
}


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with every command's arguments."""
    parser = argparse.ArgumentParser(
        prog="drafter",
        description="Besked: draft respectful, lawful rejections for interviewed candidates.",
    )
    parser.add_argument("--config", help="Path to drafter.toml (default: DRAFTER_CONFIG or ./drafter.toml).")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        _arguments(module)(cmd)
    return parser


def _arguments(module: str) -> Callable[[argparse.ArgumentParser], None]:
    """Return the `add_arguments` function of a command module without importing its heavy parts."""
    add: Callable[[argparse.ArgumentParser], None] = importlib.import_module(f"drafter.commands.{module}").add_arguments
    return add


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    from drafter.errors import DrafterError

    module = importlib.import_module(f"drafter.commands.{COMMANDS[args.command][0]}")
    try:
        return int(module.run(args) or 0)
    except DrafterError as exc:
        print(f"drafter: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("drafter: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
