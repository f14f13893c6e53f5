"""`drafter doctor`: what the local model runs on, and a smoke generation."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("--model", help="Profile to check (default: the active profile).")
    parser.add_argument("--no-smoke", action="store_true", help="Skip the 10-token smoke generation.")


def run(args: argparse.Namespace) -> int:
    """Print every check; exit 1 with one sentence when one failed."""
    from drafter.config import load_settings
    from drafter.doctor import diagnose

    settings = load_settings(args.config)
    report = diagnose(settings, settings.profile(args.model), smoke=not args.no_smoke)
    for check in report.checks:
        mark = "ok  " if check.ok and not check.warning else ("warn" if check.ok else "FAIL")
        print(f"{mark} {check.name:<12} {check.detail}")
    if report.problem:
        print(f"drafter: error: {report.problem}", file=sys.stderr)
        return 1
    return 0
