"""`drafter check --jsonl FILE`: check texts from JSON Lines against every guardrail rule."""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

# A line longer than this is read, but its text is only checked up to the guardrails' scan limit.
MAX_LINE_BYTES = 64 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the check command's arguments."""
    parser.add_argument(
        "--jsonl",
        required=True,
        metavar="FILE",
        help="JSON Lines file; each line has 'text' and 'context', optionally 'id', 'language', 'channel' "
        "('-' reads standard input).",
    )


def _open(path: str) -> IO[bytes]:
    from drafter.errors import InputError

    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"File not found: {path}.") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not a JSON Lines file.") from None
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}.") from None


def _parse(raw: bytes, n: int) -> dict[str, Any]:
    """Decode one line into a JSON object, or raise InputError naming the line."""
    from drafter.errors import InputError

    if b"\x00" in raw:
        raise InputError(f"Line {n} contains NUL bytes, not UTF-8 text (is this a binary file?).")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"Line {n} is not valid UTF-8 text (is this a binary file?).") from None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"Line {n} is not valid JSON: {exc.msg}.") from None
    if not isinstance(data, dict):
        raise InputError(f"Line {n} must be a JSON object with 'text' and 'context'.")
    if not isinstance(data.get("text"), str):
        raise InputError(f"Line {n} has no string field 'text'.")
    return data


def run(args: argparse.Namespace) -> int:
    """Check every line and print one verdict per line, in order."""
    from drafter.config import load_settings
    from drafter.errors import InputError, as_drafter_error
    from drafter.models import parse_context
    from guardrails import check
    from guardrails.errors import GuardrailError

    settings = load_settings(getattr(args, "config", None)).guardrails
    stream = _open(args.jsonl)
    out = sys.stdout
    try:
        for n, raw in enumerate(stream, start=1):
            if len(raw) > MAX_LINE_BYTES:
                raise InputError(f"Line {n} is larger than {MAX_LINE_BYTES // (1024 * 1024)} MB.")
            if not raw.strip():
                continue
            data = _parse(raw, n)
            context = dict(data.get("context") or {}) if isinstance(data.get("context"), dict) else data.get("context")
            if isinstance(context, dict):
                for key in ("language", "channel"):
                    if data.get(key) is not None:
                        context[key] = data[key]
            try:
                ctx = parse_context(context)
            except InputError as exc:
                raise InputError(f"Line {n}: {exc}") from None
            try:
                report = check(data["text"], ctx, settings)
            except GuardrailError as exc:
                raise as_drafter_error(exc) from None
            verdict = {
                "id": data.get("id"),
                "passed": report.passed,
                "violations": [
                    {"rule": v.rule, "severity": v.severity, "message": v.message, "span": v.span}
                    for v in report.violations
                ],
            }
            out.write(json.dumps(verdict, ensure_ascii=False) + "\n")
            out.flush()
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return 0
